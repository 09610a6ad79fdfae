package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The console in headless Chromium running the reference solutions: every action and every "Check my work". */
class ConsoleWithSolutionsTest extends ConsoleInBrowser {
    @BeforeAll
    static void start() {
        start("solutions");
    }

    @BeforeEach
    void freshVault() {
        lab.vault.reset();
        browser.open(lab.url());
    }

    @Test
    void pageShowsTheVaultBadgeAndEveryAction() {
        assertTrue(browser.text("#vault-badge").contains("local vault kvlab"), browser.text("#vault-badge"));
        for (Exercise e : Exercise.values()) {
            assertEquals(e.action(), browser.find("#run-" + e.id()).getText());
            assertEquals("Check my work: " + e.action(), browser.find("#check-" + e.id()).getAttribute("aria-label"));
        }
        assertEquals("polite", browser.find("#live").getAttribute("aria-live"));
        assertTrue(browser.text("#empty").startsWith("Choose an action"));
        browser.screenshot("solutions-00-home");
    }

    @Test
    void retrieveSecretsShowsBothSecretsMasked() {
        browser.clickAndWait("run-retrieve");
        assertEquals("Retrieved 2 of 2 secret(s).", browser.text("#flash"));
        List<List<String>> rows = rows();
        assertEquals(2, rows.size());
        assertAll(
                () -> assertEquals("openai-api-key", rows.get(0).get(0)),
                () -> assertEquals("sk-proj-kvlab7Qm2Xv9...", rows.get(0).get(1)),
                () -> assertTrue(rows.get(0).contains("application/x-api-key")),
                () -> assertTrue(rows.get(0).contains("environment=development, service=openai")),
                () -> assertTrue(rows.get(0).contains("retrieved")),
                () -> assertEquals("cosmosdb-connection-string", rows.get(1).get(0)),
                () -> assertEquals("AccountEndpoint=http...", rows.get(1).get(1)));
        browser.screenshot("solutions-01-retrieve");
    }

    @Test
    void listSecretPropertiesShowsNoValueColumn() {
        browser.clickAndWait("run-list");
        assertEquals("Listed 2 secret(s) without reading a value.", browser.text("#flash"));
        String header = browser.find("#outcome thead").getText();
        assertTrue(header.contains("Name") && header.contains("Enabled") && header.contains("Updated on"), header);
        assertFalse(header.contains("Value"), header);
        List<List<String>> rows = rows();
        assertEquals(List.of("cosmosdb-connection-string", "openai-api-key"),
                rows.stream().map(r -> r.get(0)).sorted().toList());
        browser.screenshot("solutions-02-list");
    }

    @Test
    void createNewVersionThenRetrieveShowsTheNewValue() {
        browser.clickAndWait("run-rotate");
        String flash = browser.text("#flash");
        assertTrue(flash.matches("Created version [0-9a-f]{32} of openai-api-key\\."), flash);
        String card = browser.find(".card").getText();
        assertTrue(card.contains("Previous value") && card.contains("sk-proj-kvlab7Qm2Xv9..."), card);
        assertTrue(card.matches("(?s).*New value\\s+sk-proj-rotated-[A-Za-z0-9]{4}\\.\\.\\..*"), card);
        browser.screenshot("solutions-03-rotate");

        browser.clickAndWait("run-retrieve");
        assertTrue(rows().get(0).get(1).startsWith("sk-proj-rotated-"), rows().get(0).toString());
        browser.screenshot("solutions-04-retrieve-after-rotate");
    }

    @Test
    void cachedRetrievalMakesTwoVaultCallsForTenAccesses() {
        browser.clickAndWait("run-cache");
        assertEquals("Completed 10 access(es) with 2 Key Vault API call(s).", browser.text("#flash"));
        List<List<String>> rows = rows();
        assertEquals(10, rows.size());
        assertEquals(2, rows.stream().filter(r -> r.contains("cache miss")).count());
        assertEquals(8, rows.stream().filter(r -> r.contains("cache hit")).count());
        browser.screenshot("solutions-05-cache");
    }

    @Test
    void theLifecycleActionsShowVersionsAnAuditAndAStoredSecret() {
        browser.clickAndWait("run-versions");
        assertEquals("Listed 1 version(s) of openai-api-key without reading a value.", browser.text("#flash"));
        browser.screenshot("solutions-08-versions");

        browser.clickAndWait("run-hygiene"); // the two samples are well kept
        assertEquals("Found 0 problem(s) without reading a value (expiry warning window 30 days).", browser.text("#flash"));
        browser.screenshot("solutions-09-hygiene");

        browser.clickAndWait("run-lifecycle");
        String stored = browser.text("#flash");
        assertTrue(stored.matches("Stored lifecycle-demo-[0-9a-f]+: stored, expires on .+\\."), stored);
        browser.screenshot("solutions-10-lifecycle");
    }

    @Test
    void checkMyWorkPassesEveryCheckOfEachExercise() {
        for (Exercise e : Exercise.values()) {
            browser.clickAndWait("check-" + e.id());
            String summary = browser.text("#check-summary");
            assertTrue(summary.endsWith("check(s) passed: well done."), e.id() + ": " + summary);
            List<WebElement> checks = browser.all(".check");
            assertFalse(checks.isEmpty());
            assertTrue(checks.stream().allMatch(c -> c.getText().startsWith("PASS")), e.id() + ": " + browser.find(".checks").getText());
            browser.screenshot("solutions-06-check-" + e.id());
        }
    }

    @Test
    void keyboardAloneRunsAnAction() {
        // Tab from the top of the page to the button, as a keyboard user would, then press Enter.
        browser.find("body").click();
        for (int i = 0; i < 30 && !"run-list".equals(browser.driver.switchTo().activeElement().getAttribute("id")); i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertEquals("run-list", browser.driver.switchTo().activeElement().getAttribute("id"), "the button is reachable with Tab");
        String before = browser.resultMarker();
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.awaitNewResult(before);
        assertEquals("Listed 2 secret(s) without reading a value.", browser.text("#flash"));
    }

    @Test
    void everyActionWorksWithoutJavaScript() throws Exception {
        try (Browser plain = Browser.start(false)) {
            plain.open(lab.url());
            plain.clickAndWait("run-cache");
            assertEquals("Completed 10 access(es) with 2 Key Vault API call(s).", plain.text("#flash"));
            assertTrue(plain.driver.getCurrentUrl().matches(".*/\\?result=\\d+#results"), plain.driver.getCurrentUrl());
            plain.screenshot("solutions-07-cache-without-javascript");
            assertNoWholeSecret(plain.html());
        }
    }

    static List<List<String>> rows() {
        return browser.all("#outcome tbody tr").stream()
                .map(tr -> tr.findElements(org.openqa.selenium.By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }
}
