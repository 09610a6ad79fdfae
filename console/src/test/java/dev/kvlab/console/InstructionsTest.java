package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exercises' pages of docs/ rendered for the console: CommonMark and tables, and never markup from the page. */
class InstructionsTest {
    static final Set<String> ALLOWED_TAGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "code", "pre", "em",
            "strong", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "hr", "br", "img");
    static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");

    @Test
    void everyExercisePageRendersWithItsTitle() {
        Instructions docs = new Instructions(LabFixture.root().resolve("docs"));
        for (Exercise e : Exercise.values()) {
            Instructions.Rendered page = docs.exercise(e).orElseThrow(() -> new AssertionError("no docs/" + e.id() + ".md"));
            assertTrue(page.title().startsWith("Exercise " + Course.number(e) + ":"), page.title());
            assertTrue(page.html().contains("<h2>"), e.id());
            assertOnlySafeMarkup(page.html());
        }
        String retrieve = docs.exercise(Exercise.RETRIEVE).orElseThrow().html();
        assertTrue(retrieve.contains("<table>") && retrieve.contains("<td><code>not found</code></td>"), "GitHub tables render");
        assertTrue(retrieve.contains("<a href=\"/docs/jshell.md\">JShell</a>"), "a link to another page goes to the console's copy");
        assertFalse(retrieve.contains("../exercises/"), "links to the checkout's files are not links in the console");
    }

    @Test
    void everyTaskHeadingIsWhereAChecksPointerLands() {
        Instructions docs = new Instructions(LabFixture.root().resolve("docs"));
        for (Exercise e : Exercise.values()) {
            String html = docs.exercise(e).orElseThrow().html();
            // ./jbang check says "see task 1: docs/<alias>.md#1"
            assertTrue(html.contains("<h2 id=\"1\">1. "), e.id() + ": " + html.substring(0, Math.min(400, html.length())));
        }
    }

    @Test
    void aHostileDocsPageCannotInjectMarkup(@TempDir Path docs) throws Exception {
        Files.writeString(docs.resolve("retrieve.md"), String.join("\n\n",
                "# Exercise 1: <img src=x onerror=alert(1)>",
                "<script>alert(document.cookie)</script>",
                "<div onmouseover=\"alert(1)\">hover</div>",
                "Inline <b onclick=alert(1)>bold</b> and <iframe src=https://evil.example></iframe>",
                "[click](javascript:alert(1)) [caps](JaVaScRiPt:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)",
                "[spaced](<java script:alert(1)>) [entity](&#106;avascript:alert(1)) <javascript:alert(1)>",
                "![img](javascript:alert(1)) ![remote](https://evil.example/x.png \"t\\\" onerror=\\\"alert(1)\")",
                "[title](https://example.com \"x\\\" onmouseover=\\\"alert(1)\")",
                "[relative](../../etc/passwd) [page](setup.md#first) [exercise](rotate.md)",
                ""));
        Instructions.Rendered page = new Instructions(docs).exercise(Exercise.RETRIEVE).orElseThrow();
        String html = page.html();
        assertOnlySafeMarkup(html);
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;"), "raw HTML is shown as text");
        assertTrue(html.contains("href=\"/docs/setup.md#first\""), html);
        assertTrue(html.contains("href=\"/?exercise=rotate\""), html);
        assertEquals("Exercise 1: <img src=x onerror=alert(1)>", page.title(), "the title is text; the page escapes it");
    }

    @Test
    void onlyPagesOfDocsAreServed(@TempDir Path root) throws Exception {
        Path docs = Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("secret.md"), "# not a docs page");
        Files.writeString(docs.resolve("setup.md"), "# Setup");
        Instructions instructions = new Instructions(docs);
        assertTrue(instructions.page("setup.md").isPresent());
        for (String name : new String[] {"../secret.md", "..%2Fsecret.md", "/etc/passwd", "setup", "SETUP.md", "setup.md/", "", null}) {
            assertTrue(instructions.page(name).isEmpty(), String.valueOf(name));
        }
        assertTrue(instructions.exercise(Exercise.LIST).isEmpty(), "a missing page is no page, not an error");
    }

    /** Every tag is one CommonMark makes, no attribute is an event handler, every URL is http(s), mailto or the console's. */
    static void assertOnlySafeMarkup(String html) {
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            assertTrue(ALLOWED_TAGS.contains(tag.group(1).toLowerCase()), "tag <" + tag.group(1) + "> in " + html);
            Matcher attribute = Pattern.compile("\\s([a-zA-Z-]+)=\"([^\"]*)\"").matcher(tag.group(2));
            while (attribute.find()) {
                String name = attribute.group(1).toLowerCase();
                assertFalse(name.startsWith("on"), "event handler " + tag.group());
                if (name.equals("href") || name.equals("src")) {
                    assertTrue(attribute.group(2).matches("(https?://|mailto:|/|#).*"), "URL " + attribute.group(2));
                }
            }
        }
    }
}
