package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console in headless Chromium running the untouched exercises: each action names the region to fill. */
class ConsoleWithStubsTest extends ConsoleInBrowser {
    static final Map<Exercise, String> REGIONS = Map.ofEntries(
            Map.entry(Exercise.RETRIEVE, "RETRIEVE_SECRETS"),
            Map.entry(Exercise.LIST, "LIST_SECRETS"),
            Map.entry(Exercise.ROTATE, "ROTATE_SECRET"),
            Map.entry(Exercise.CACHE, "CACHE"),  // CACHE_GET or CACHED_RETRIEVAL, whichever the stub reaches first
            Map.entry(Exercise.VERSIONS, "LIST_VERSIONS"),
            Map.entry(Exercise.LIFECYCLE, "STORE_SECRET"),
            Map.entry(Exercise.HYGIENE, "AUDIT_VAULT"),
            Map.entry(Exercise.ACCESS, "PLAN_ROLES"),
            Map.entry(Exercise.RESILIENT, "RESILIENT_CLIENT"),
            Map.entry(Exercise.REFERENCES, "REFRESH"),  // its action shows the settings page: refresh() is called first
            Map.entry(Exercise.AUDIT, "READ_EXPORT"),
            Map.entry(Exercise.SETTINGS, "LOAD_SETTINGS"),
            Map.entry(Exercise.FLAGS, "EVALUATE_FLAG"),
            Map.entry(Exercise.REFRESH, "REFRESH_IF_DUE"));
    /** Where the first check's region differs from the one the action reaches first. */
    static final Map<Exercise, String> FIRST_CHECKED = Map.of(Exercise.REFERENCES, "PARSE_REFERENCE",
            Exercise.FLAGS, "READ_FLAGS");

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
            browser.openExercise(lab.url(), e);
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
    void theHomePageShowsProgressFromTheLastChecksAndOpensOnTheFirstUnfinishedExercise() throws Exception {
        results(Exercise.RETRIEVE, "{\"version\":3,\"status\":\"pass\",\"tests\":[],\"score\":4,\"max_score\":4}");
        results(Exercise.LIST, "{\"status\":\"pass\"");                 // damaged: cut off mid-way
        results(Exercise.ROTATE, "<script>alert(1)</script>");              // hostile: not a results file
        results(Exercise.CACHE, "{\"version\":3,\"status\":\"fail\",\"tests\":[],\"score\":1,\"max_score\":3}");
        browser.open(lab.url());
        assertTrue(browser.find("#go-retrieve").getText().endsWith("passed"), browser.find("#go-retrieve").getText());
        assertTrue(browser.find("#go-list").getText().endsWith("not started"), browser.find("#go-list").getText());
        assertTrue(browser.find("#go-rotate").getText().endsWith("not started"), browser.find("#go-rotate").getText());
        assertTrue(browser.find("#go-cache").getText().endsWith("failing"), browser.find("#go-cache").getText());
        assertEquals("page", browser.find("#go-list").getAttribute("aria-current"), "retrieve is passed: list is next");
        browser.find("#go-cache").click();
        assertEquals("failing 1 of 3 checks passed at the last check", browser.text(".status-line"));
        browser.screenshot("stubs-06-progress");
    }

    private static void results(Exercise e, String json) throws Exception {
        Path dir = Files.createDirectories(lab.results.resolve(e.id()));
        Files.writeString(dir.resolve("results.json"), json);
    }

    @Test
    void checkMyWorkFailsWithAHint() {
        for (Exercise e : Exercise.values()) {
            browser.openExercise(lab.url(), e);
            browser.clickAndWait("check-" + e.id());
            String summary = browser.text("#check-summary");
            assertTrue(summary.matches("0 of \\d+ check\\(s\\) passed\\. Fix the first failing check, save, and check again\\."),
                    e.id() + ": " + summary);
            String first = browser.find(".check").getText();
            assertFalse(first.startsWith("PASS"), first);
            assertTrue(first.contains(FIRST_CHECKED.getOrDefault(e, REGIONS.get(e))), e.id() + ": " + first);
            boolean hinted = !browser.all(".check .hint").isEmpty();
            if (!hinted) {   // the hint comes once a check has failed three runs in a row, as with ./jbang check
                browser.clickAndWait("check-" + e.id());
                browser.clickAndWait("check-" + e.id());
            }
            assertFalse(browser.all(".check .hint").isEmpty(), e.id() + ": after three failed runs a check shows its hint");
            browser.screenshot("stubs-05-check-" + e.id());
            // the check's verdict is the learner's progress now, on this exercise's page and in the course
            assertEquals("failing", browser.text("#progress"));
            assertTrue(browser.find("#go-" + e.id()).getText().endsWith("failing"), browser.find("#go-" + e.id()).getText());
        }
    }
}
