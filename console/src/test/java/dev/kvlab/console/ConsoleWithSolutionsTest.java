package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.appconfiguration.models.FeatureFlagConfigurationSetting;
import com.azure.data.appconfiguration.models.FeatureFlagFilter;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Mask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        lab.store.reset(); // the store's settings and flags as seeded, and the vault inside it
        browser.open(lab.url());
    }

    @Test
    void homePageShowsTheCourseByModuleAndTheFirstExerciseWithItsInstructions() {
        assertTrue(browser.text("#vault-badge").contains("local vault kvlab"), browser.text("#vault-badge"));
        assertEquals("Module 1. The seed lab", browser.text("#module-1"));
        List<String> links = browser.all("#course .module:first-of-type a").stream().map(a -> a.getAttribute("id")).toList();
        assertEquals(List.of("go-retrieve", "go-list", "go-rotate", "go-cache"), links);
        for (Exercise e : Exercise.values()) {
            assertTrue(browser.find("#go-" + e.id()).getText().endsWith("not started"), browser.find("#go-" + e.id()).getText());
        }
        // nothing passed yet: the home page opens on exercise 1, its instructions beside its actions
        assertEquals("page", browser.find("#go-retrieve").getAttribute("aria-current"));
        assertEquals("Exercise 1: retrieve secrets and their metadata", browser.text("#instructions h1"));
        assertFalse(browser.all("#instructions table td").isEmpty(), "the page's table is rendered as a table");
        assertEquals("Retrieve Secrets", browser.find("#run-retrieve").getText());
        assertEquals("Check my work: Retrieve Secrets", browser.find("#check-retrieve").getAttribute("aria-label"));
        assertEquals("not started", browser.text("#progress"));
        assertEquals("polite", browser.find("#live").getAttribute("aria-live"));
        assertTrue(browser.text("#empty").startsWith("Click Retrieve Secrets"));
        browser.screenshot("solutions-00-home");

        for (Exercise e : Exercise.values()) {
            browser.find("#go-" + e.id()).click();
            assertEquals(e.action(), browser.find("#run-" + e.id()).getText());
            assertTrue(browser.text("#instructions h1").startsWith("Exercise " + Course.number(e) + ":"), browser.text("#instructions h1"));
            assertTrue(browser.all("#run-retrieve").isEmpty() || e == Exercise.RETRIEVE, "one exercise's actions at a time");
        }
    }

    @Test
    void retrieveSecretsShowsBothSecretsMasked() {
        browser.openExercise(lab.url(), Exercise.RETRIEVE);
        browser.clickAndWait("run-retrieve");
        assertEquals("Retrieved 2 of 2 secret(s).", browser.text("#flash"));
        List<Map<String, String>> records = records();
        assertEquals(2, records.size());
        assertAll(
                () -> assertEquals("openai-api-key", records.get(0).get("Name")),
                () -> assertEquals("sk-proj-kvlab7Qm2Xv9...", records.get(0).get("Value")),
                () -> assertTrue(records.get(0).get("Version").matches("[0-9a-f]{32}"), records.get(0).toString()),
                () -> assertEquals("application/x-api-key", records.get(0).get("Content type")),
                () -> assertEquals("environment=development, service=openai", records.get(0).get("Tags")),
                () -> assertEquals("retrieved", records.get(0).get("Status")),
                () -> assertEquals("cosmosdb-connection-string", records.get(1).get("Name")),
                () -> assertEquals("AccountEndpoint=http...", records.get(1).get("Value")));
        assertResultsFitTheScreen();
        browser.screenshot("solutions-01-retrieve");
    }

    @Test
    void listSecretPropertiesShowsNoValue() {
        browser.openExercise(lab.url(), Exercise.LIST);
        browser.clickAndWait("run-list");
        assertEquals("Listed 2 secret(s) without reading a value.", browser.text("#flash"));
        List<Map<String, String>> records = records();
        assertEquals(List.of("cosmosdb-connection-string", "openai-api-key"),
                records.stream().map(r -> r.get("Name")).sorted().toList());
        assertTrue(records.get(0).keySet().containsAll(List.of("Enabled", "Content type", "Updated on")), records.get(0).toString());
        assertFalse(records.get(0).containsKey("Value"), records.get(0).toString());
        assertResultsFitTheScreen();
        browser.screenshot("solutions-02-list");
    }

    @Test
    void createNewVersionThenRetrieveShowsTheNewValue() {
        browser.openExercise(lab.url(), Exercise.ROTATE);
        browser.clickAndWait("run-rotate");
        String flash = browser.text("#flash");
        assertTrue(flash.matches("Created version [0-9a-f]{32} of openai-api-key\\."), flash);
        String card = browser.find(".card").getText();
        assertTrue(card.contains("Previous value") && card.contains("sk-proj-kvlab7Qm2Xv9..."), card);
        assertTrue(card.matches("(?s).*New value\\s+sk-proj-rotated-[A-Za-z0-9]{4}\\.\\.\\..*"), card);
        assertResultsFitTheScreen();
        browser.screenshot("solutions-03-rotate");

        browser.openExercise(lab.url(), Exercise.RETRIEVE);
        browser.clickAndWait("run-retrieve");
        assertTrue(records().get(0).get("Value").startsWith("sk-proj-rotated-"), records().get(0).toString());
        assertResultsFitTheScreen();
        browser.screenshot("solutions-04-retrieve-after-rotate");
    }

    @Test
    void cachedRetrievalMakesTwoVaultCallsForTenAccesses() {
        browser.openExercise(lab.url(), Exercise.CACHE);
        browser.clickAndWait("run-cache");
        assertEquals("Completed 10 access(es) with 2 Key Vault API call(s).", browser.text("#flash"));
        List<List<String>> rows = rows();
        assertEquals(10, rows.size());
        assertEquals(2, rows.stream().filter(r -> r.contains("cache miss")).count());
        assertEquals(8, rows.stream().filter(r -> r.contains("cache hit")).count());
        assertResultsFitTheScreen();
        browser.screenshot("solutions-05-cache");
    }

    @Test
    void theSettingsActionLoadsTheSampleAppWithItsKeyMasked() {
        browser.openExercise(lab.url(), Exercise.SETTINGS);
        browser.clickAndWait("run-settings");
        assertEquals("Loaded 3 setting(s) for production, 1 from Key Vault.", browser.text("#flash"));
        String page = browser.html();
        // the key resolved through its Key Vault reference, shown as Mask.value shows it
        assertTrue(page.contains(dev.kvlab.runtime.Mask.value(LabFixture.SEED_VALUES.get(0))), "the masked key");
        assertTrue(page.contains("Secret version") && page.contains("OpenAI:DeploymentName"), "the settings' cards");
        for (String value : LabFixture.SEED_VALUES) {
            assertFalse(page.contains(value), "the resolved key shows masked only");
        }
        browser.screenshot("solutions-12-settings");
    }

    @Test
    void theFlagsActionEvaluatesTheSemanticCacheFlagAsTheStoreHoldsItNow() {
        browser.openExercise(lab.url(), Exercise.FLAGS);
        browser.clickAndWait("run-flags");
        // seeded disabled: off for everyone, whatever its filters
        assertEquals("EnableSemanticCache is off for alice (DISABLED).", browser.text("#flash"));
        assertTrue(browser.html().contains("DISABLED"), "the decision's card");

        // switched on for a rollout of everyone, as az appconfig feature filter add would: the next click sees it
        Lab.configurationClient(lab.store).setConfigurationSetting(new FeatureFlagConfigurationSetting(LabConsole.FLAG, true)
                .addClientFilter(new FeatureFlagFilter("Microsoft.Percentage").addParameter("Value", 100)));
        browser.clickAndWait("run-flags");
        assertEquals("EnableSemanticCache is on for alice (FILTER_PASSED Microsoft.Percentage).", browser.text("#flash"));

        // a targeting filter that excludes alice: off, and no other filter passes
        Lab.configurationClient(lab.store).setConfigurationSetting(new FeatureFlagConfigurationSetting(LabConsole.FLAG, true)
                .addClientFilter(new FeatureFlagFilter("Microsoft.Targeting").addParameter("Audience", Map.of(
                        "Users", List.of(), "DefaultRolloutPercentage", 100,
                        "Exclusion", Map.of("Users", List.of(LabConsole.FLAG_USER))))));
        browser.clickAndWait("run-flags");
        assertEquals("EnableSemanticCache is off for alice (NO_FILTER_PASSED).", browser.text("#flash"));
        browser.screenshot("solutions-13-flags");
    }

    @Test
    void theRefreshActionReadsTheSettingsOnceWithTheSentinelAndShowsThemMasked() {
        browser.openExercise(lab.url(), Exercise.REFRESH);
        browser.clickAndWait("run-refresh");
        // no label: OpenAI:Endpoint, OpenAI:DeploymentName and the OpenAI:ApiKey reference; not the production value
        assertEquals("Read 3 setting(s) at sentinel 1; until it changes, the app asks the store only for the sentinel.",
                browser.text("#flash"));
        String outcome = browser.text("#outcome"); // not the instructions beside it, which show a run's output
        assertTrue(outcome.contains("OpenAI:Endpoint") && outcome.contains("OpenAI:DeploymentName")
                && outcome.contains("OpenAI:ApiKey"), outcome);
        assertTrue(outcome.contains(Mask.value("gpt-4o-mini")) && !outcome.contains("gpt-4o-mini"), "values show masked: " + outcome);

        // whoever changes the settings changes the sentinel last; a fresh app reads the new one
        Lab.configurationClient(lab.store).setConfigurationSetting("sentinel", null, "2");
        browser.clickAndWait("run-refresh");
        assertTrue(browser.text("#flash").startsWith("Read 3 setting(s) at sentinel 2;"), browser.text("#flash"));
        browser.screenshot("solutions-14-refresh");
    }

    @Test
    void theLifecycleActionsShowVersionsAnAuditAndAStoredSecret() {
        browser.openExercise(lab.url(), Exercise.VERSIONS);
        browser.clickAndWait("run-versions");
        assertEquals("Listed 1 version(s) of openai-api-key without reading a value.", browser.text("#flash"));
        browser.screenshot("solutions-08-versions");

        browser.openExercise(lab.url(), Exercise.HYGIENE);
        browser.clickAndWait("run-hygiene"); // the two samples are well kept
        assertEquals("Found 0 problem(s) without reading a value (expiry warning window 30 days).", browser.text("#flash"));
        browser.screenshot("solutions-09-hygiene");

        browser.openExercise(lab.url(), Exercise.ACCESS);
        browser.clickAndWait("run-access");
        assertEquals("Planned 4 role assignment(s): the least each member's job needs.", browser.text("#flash"));
        assertTrue(rows().stream().anyMatch(r -> r.contains("Key Vault Reader")), rows().toString());
        browser.screenshot("solutions-08-access");
        browser.openExercise(lab.url(), Exercise.RESILIENT);
        browser.clickAndWait("run-resilient"); // two bursts of 8 threads per sample secret through one cache
        assertEquals("Read 32 time(s) with 2 Key Vault API call(s).", browser.text("#flash"));
        browser.screenshot("solutions-09b-resilient");
        browser.openExercise(lab.url(), Exercise.AUDIT);
        browser.clickAndWait("run-audit"); // the exercise's demo: a stranger and the Reader are refused
        String alerts = browser.text("#flash");
        assertTrue(alerts.matches("The rule fired [1-9][0-9]* alert\\(s\\) over the local vault's audit log\\."), alerts);
        assertTrue(browser.html().contains("contractor-laptop"), "the refused stranger's alert is on the page");
        browser.screenshot("solutions-11-audit");

        browser.openExercise(lab.url(), Exercise.LIFECYCLE);
        browser.clickAndWait("run-lifecycle");
        String stored = browser.text("#flash");
        assertTrue(stored.matches("Stored lifecycle-demo-[0-9a-f]+: stored, expires on .+\\."), stored);
        browser.screenshot("solutions-10-lifecycle");

        browser.openExercise(lab.url(), Exercise.REFERENCES);
        browser.clickAndWait("run-references"); // four references resolve; a missing secret, another vault, a broken one do not
        assertEquals("Resolved 3 of 6 Key Vault reference(s) in 7 app setting(s).", browser.text("#flash"));
        assertTrue(browser.text("body").contains("@Microsoft.KeyVault(VaultName=some-other-vault;SecretName=openai-api-key)"),
                "an unresolved reference shows its literal string");
        browser.screenshot("solutions-11-references");
    }

    @Test
    void checkMyWorkPassesEveryCheckOfEachExercise() {
        for (Exercise e : Exercise.values()) {
            browser.openExercise(lab.url(), e);
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
        browser.openExercise(lab.url(), Exercise.LIST);
        browser.find("header").click();
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
            plain.openExercise(lab.url(), Exercise.CACHE);
            plain.clickAndWait("run-cache");
            assertEquals("Completed 10 access(es) with 2 Key Vault API call(s).", plain.text("#flash"));
            assertTrue(plain.driver.getCurrentUrl().matches(".*/\\?exercise=cache&result=\\d+#results"), plain.driver.getCurrentUrl());
            plain.screenshot("solutions-07-cache-without-javascript");
            assertNoWholeSecret(plain.html());
        }
    }

    /** The results shown as cards, one per record: its title under "Name", then each field under its label. */
    static List<Map<String, String>> records() {
        return browser.all("#outcome .record").stream().map(card -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Name", card.findElement(org.openqa.selenium.By.className("card-title")).getText());
            List<WebElement> labels = card.findElements(org.openqa.selenium.By.tagName("dt"));
            List<WebElement> values = card.findElements(org.openqa.selenium.By.tagName("dd"));
            for (int i = 0; i < labels.size(); i++) {
                fields.put(labels.get(i).getText(), values.get(i).getText());
            }
            return fields;
        }).toList();
    }

    static List<List<String>> rows() {
        return browser.all("#outcome tbody tr").stream()
                .map(tr -> tr.findElements(org.openqa.selenium.By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }
}
