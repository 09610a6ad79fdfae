package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kvlab.testing.RequiresTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * What the browser suites share: one lab console (on the exercises or the solutions) and one headless Chromium per
 * test class, and after every test, no page that shows a whole secret value.
 */
@RequiresTool(value = "chromium", debian = "chromium")
@RequiresTool(value = "chromedriver", debian = "chromium-driver")
abstract class ConsoleInBrowser {
    static LabFixture lab;
    static Browser browser;

    /** Starts the console on {@code tree} ("exercises" or "solutions") and the browser; call it from a @BeforeAll. */
    static void start(String tree) {
        lab = LabFixture.of(tree);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }

    @AfterEach
    void noSecretOnThePage() {
        assertNoWholeSecret(browser.html());
    }

    static void assertNoWholeSecret(String html) {
        for (String value : LabFixture.SEED_VALUES) {
            assertFalse(html.contains(value), "the page shows a whole seeded secret value");
        }
        assertFalse(LabFixture.ROTATED_VALUE.matcher(html).find(), "the page shows a whole rotated secret value");
    }
}
