package dev.kvlab.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.List;

/**
 * Renders the console's pages with Mustache, which HTML-escapes every value it inserts; the one value inserted as
 * markup is a docs page rendered by {@link Instructions} (raw HTML in it escaped, links checked).
 */
final class Page {
    private final DefaultMustacheFactory templates = new DefaultMustacheFactory("dev/kvlab/console");
    private final Mustache home = templates.compile("page.mustache");
    private final Mustache doc = templates.compile("doc.mustache");

    /**
     * The home page: the vault badge, the session's form token, the course by module, the exercise shown (its
     * instructions and actions) and the latest result of it (or none).
     */
    record Model(String vault, String sources, String token, List<Module> course, Shown exercise, Outcome outcome,
                 CheckView check) {}

    /** A module of the course with its exercises. */
    record Module(int number, String title, List<Item> exercises) {}

    /** An exercise in the course list: number, name, the learner's progress, and whether it is the one shown. */
    record Item(String id, int number, String action, String progressClass, String progress, boolean current) {}

    /** The exercise shown: its file, progress, and instructions (null when docs/ has no page for it). */
    record Shown(String id, int number, String action, String file, String progressClass, String progress,
                 String progressDetail, String title, String instructions, String page) {}

    /** Another page of docs/, rendered. */
    record Doc(String title, String file, String html) {}

    String render(Model model) {
        StringWriter out = new StringWriter();
        home.execute(out, model);
        return out.toString();
    }

    String renderDoc(Doc page) {
        StringWriter out = new StringWriter();
        doc.execute(out, page);
        return out.toString();
    }
}
