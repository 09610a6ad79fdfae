package dev.kvlab.console;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.List;

/** Renders the console's one page with Mustache, which HTML-escapes every value it inserts. */
final class Page {
    private final Mustache template = new DefaultMustacheFactory("dev/kvlab/console").compile("page.mustache");

    /** What the page shows: the vault badge, the exercises' buttons, and the latest result (or none). */
    record Model(String vault, String sources, List<Button> exercises, Outcome outcome, CheckView check) {}

    record Button(String id, String action, String file) {}

    String render(Model model) {
        StringWriter out = new StringWriter();
        template.execute(out, model);
        return out.toString();
    }
}
