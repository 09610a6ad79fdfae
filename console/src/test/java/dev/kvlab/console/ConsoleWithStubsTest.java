package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console in headless Chromium running the untouched exercises: each action names the region to fill. */
class ConsoleWithStubsTest extends ConsoleInBrowser {
    static final Map<Exercise, String> REGIONS = Map.of(
            Exercise.RETRIEVE, "RETRIEVE_SECRETS",
            Exercise.LIST, "LIST_SECRETS",
            Exercise.ROTATE, "ROTATE_SECRET",
            Exercise.CACHE, "CACHE",    // CACHE_GET or CACHED_RETRIEVAL, whichever the stub reaches first
            Exercise.VERSIONS, "LIST_VERSIONS",
            Exercise.LIFECYCLE, "STORE_SECRET",
            Exercise.HYGIENE, "AUDIT_VAULT");

    @BeforeAll
    static void start() {
        start("exercises");
    }

    @BeforeEach
    void open() {
        browser.open(lab.url());
    }

    @Test
    void everyActionSaysWhichRegionToFill() {
        for (Exercise e : Exercise.values()) {
            browser.clickAndWait("run-" + e.id());
            String error = browser.text("#error .error-line");
            assertTrue(error.startsWith("Not implemented yet: " + e.className() + ": fill in region " + REGIONS.get(e)), error);
            String hint = browser.text("#error .hint");
            assertTrue(hint.contains("in exercises/" + e.fileName() + ", save, and click " + e.action() + " again."), hint);
            assertEquals("alert", browser.find("#error").getAttribute("role"));
            assertFalse(browser.html().contains("at dev.kvlab"), "no stack trace on the page");
            browser.screenshot("stubs-0" + (e.ordinal() + 1) + "-" + e.id());
        }
    }

    @Test
    void checkMyWorkFailsWithAHint() {
        for (Exercise e : Exercise.values()) {
            browser.clickAndWait("check-" + e.id());
            String summary = browser.text("#check-summary");
            assertTrue(summary.matches("0 of \\d+ check\\(s\\) passed\\. Fix the first failing check, save, and check again\\."),
                    e.id() + ": " + summary);
            String first = browser.find(".check").getText();
            assertFalse(first.startsWith("PASS"), first);
            assertTrue(first.contains(REGIONS.get(e)), e.id() + ": " + first);
            assertFalse(browser.all(".check .hint").isEmpty(), e.id() + ": a failed check shows its hint");
            browser.screenshot("stubs-05-check-" + e.id());
        }
    }
}
