package dev.kvlab.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The lab's pages in {@code docs/} rendered for the console with commonmark-java (CommonMark plus GitHub tables).
 * A page is text we show, never markup we trust: raw HTML in it is escaped, link URLs are limited to http, https and
 * mailto, and relative links are pointed at the console's own routes ({@code retrieve.md} → that exercise,
 * {@code setup.md} → {@code /docs/setup.md}); links to other files of the checkout lose their target.
 */
final class Instructions {
    /** A docs page name: letters, digits and dashes, then .md (no path, so no way out of docs/). */
    static final Pattern PAGE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.md");
    static final int MAX_BYTES = 512 * 1024;
    private static final Pattern RELATIVE_PAGE = Pattern.compile("(?:\\./)?([a-z0-9][a-z0-9-]{0,63})\\.md(#[A-Za-z0-9_-]*)?");

    private final Path docs;
    private final Parser parser;
    private final HtmlRenderer renderer;
    private final Map<Path, Rendered> cache = new ConcurrentHashMap<>();

    /** A rendered page: its first heading as plain text, and its HTML. */
    record Rendered(String title, String html, FileTime modified, long size) {}

    Instructions(Path docs) {
        this.docs = docs;
        List<Extension> extensions = List.of(TablesExtension.create());
        this.parser = Parser.builder().extensions(extensions).build();
        this.renderer = HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
                .attributeProviderFactory(context -> new ConsoleLinks())
                .build();
    }

    /** The exercise's page, {@code docs/<alias>.md}. */
    Optional<Rendered> exercise(Exercise exercise) {
        return page(exercise.id() + ".md");
    }

    /** A page of docs/ by file name (e.g. {@code setup.md}); empty when the name is not a page's or it cannot be read. */
    Optional<Rendered> page(String name) {
        if (name == null || !PAGE.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = docs.resolve(name);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile() || attributes.size() > MAX_BYTES) {
                return Optional.empty();
            }
            Rendered cached = cache.get(file);
            if (cached != null && cached.modified().equals(attributes.lastModifiedTime()) && cached.size() == attributes.size()) {
                return Optional.of(cached);
            }
            Rendered rendered = render(Files.readString(file, StandardCharsets.UTF_8), attributes);
            cache.put(file, rendered);
            return Optional.of(rendered);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();   // missing, unreadable or not UTF-8: the page says there are no instructions
        }
    }

    /** Markdown text as the console shows it. */
    String html(String markdown) {
        return renderer.render(parser.parse(markdown));
    }

    private Rendered render(String markdown, BasicFileAttributes attributes) {
        Node document = parser.parse(markdown);
        String title = null;
        for (Node n = document.getFirstChild(); n != null && title == null; n = n.getNext()) {
            if (n instanceof Heading h && h.getLevel() == 1) {
                title = plainText(h);
            }
        }
        return new Rendered(title, renderer.render(document), attributes.lastModifiedTime(), attributes.size());
    }

    private static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                text.append(t.getLiteral());
            } else if (n instanceof org.commonmark.node.Code c) {
                text.append(c.getLiteral());
            } else if (n instanceof org.commonmark.node.HtmlInline h) {
                text.append(h.getLiteral());   // text here: the page escapes it
            } else {
                text.append(plainText(n));
            }
        }
        return text.toString();
    }

    /** Where a link of a docs page goes in the console. */
    static String consoleHref(String href) {
        if (href == null || href.isEmpty()) {
            return null;   // what the sanitizer left of a javascript: or data: URL
        }
        if (href.startsWith("#") || href.matches("(?i)(https?|mailto):.*")) {
            return href;
        }
        Matcher page = RELATIVE_PAGE.matcher(href);
        if (page.matches()) {
            String name = page.group(1);
            String fragment = page.group(2) == null ? "" : page.group(2);
            return Exercise.byId(name).map(e -> "/?exercise=" + e.id())
                    .orElse("/docs/" + name + ".md" + fragment);
        }
        return null;   // ../exercises/X.java and the like: files, not pages the console serves
    }

    private static final Pattern TASK = Pattern.compile("(\\d+)\\. ");

    private static final class ConsoleLinks implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Link) {
                String href = consoleHref(attributes.get("href"));
                if (href == null) {
                    attributes.remove("href");
                } else {
                    attributes.put("href", href);
                }
                if (href != null && !href.startsWith("/") && !href.startsWith("#")) {
                    attributes.put("rel", "noopener noreferrer nofollow");
                    attributes.put("target", "_blank");
                } else {
                    attributes.remove("rel");   // the console's own pages
                }
            } else if (node instanceof Heading h && h.getLevel() == 2) {
                // a task's heading ("## 2. ...") is where a check's "see task 2: docs/<alias>.md#2" points
                Matcher task = TASK.matcher(plainText(h));
                if (task.lookingAt()) {
                    attributes.put("id", task.group(1));
                }
            } else if (node instanceof Image) {
                // the console serves no images of the docs, and a remote one would be blocked by its CSP anyway
                String src = attributes.get("src");
                if (src == null || !src.matches("(?i)https?:.*")) {
                    attributes.remove("src");
                }
            }
        }
    }
}
