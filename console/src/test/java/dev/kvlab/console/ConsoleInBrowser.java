package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kvlab.testing.RequiresTool;
import java.util.List;
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
        browser.viewport(1280, 800);   // the screen size the layout is made for; every screenshot is at this size
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

    /**
     * After scrolling to the results: nothing on the page scrolls sideways, the results are inside the screen, and
     * no word of them (a name, a version id, a date, a column label) is broken across lines.
     */
    static void assertResultsFitTheScreen() {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) browser.driver.executeScript("""
                const results = document.getElementById('results');
                results.scrollIntoView({block: 'start'});
                const problems = [];
                const page = document.documentElement;
                if (page.scrollWidth > window.innerWidth) problems.push('the page scrolls sideways: ' + page.scrollWidth + ' px');
                const box = results.getBoundingClientRect();
                if (box.left < 0 || box.right > window.innerWidth) problems.push('the results are wider than the screen');
                if (box.bottom > window.innerHeight + 1) problems.push('the results are taller than the screen: ' + Math.round(box.height) + ' px');
                results.querySelectorAll('.table-wrap').forEach((w) => {
                  if (w.scrollWidth > w.clientWidth) problems.push('a table scrolls sideways');
                });
                results.querySelectorAll('th, td, dt, dd, .card-title, caption').forEach((cell) => {
                  const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
                    const words = /\\S+/g;
                    for (let m = words.exec(node.textContent); m; m = words.exec(node.textContent)) {
                      const range = document.createRange();
                      range.setStart(node, m.index);
                      range.setEnd(node, m.index + m[0].length);
                      const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
                      if (lines.size > 1) problems.push('"' + m[0] + '" is broken across ' + lines.size + ' lines');
                    }
                  }
                });
                return problems;
                """);
        assertEquals(List.of(), problems, "the results at " + browser.driver.executeScript("return innerWidth + 'x' + innerHeight"));
    }

    static void assertNoWholeSecret(String html) {
        for (String value : LabFixture.SEED_VALUES) {
            assertFalse(html.contains(value), "the page shows a whole seeded secret value");
        }
        assertFalse(LabFixture.ROTATED_VALUE.matcher(html).find(), "the page shows a whole rotated secret value");
    }
}
