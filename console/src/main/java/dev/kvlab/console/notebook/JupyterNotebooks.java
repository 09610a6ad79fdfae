package dev.kvlab.console.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.console.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jupyter notebooks ({@code notebooks/<exercise>.ipynb}) are made from the JShell ones, so both say the same:
 * two setup cells (compile the learner's class and load it, then imports and client), then each JShell
 * cell as a Markdown cell (title, explanation) and a code cell. Run {@code main} after editing a .jsh notebook.
 */
public final class JupyterNotebooks {
    static final String KERNEL_NAME = "kvlab-java";
    static final String KERNEL_DISPLAY_NAME = "Java (kvlab)";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JupyterNotebooks() {
    }

    /** Writes notebooks/*.ipynb from notebooks/*.jsh under the lab folder {@code args[0]} (default: here). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        for (Exercise e : Exercise.values()) {
            Path target = root.resolve("notebooks").resolve(e.id() + ".ipynb");
            Files.writeString(target, ipynb(e, Notebook.read(root.resolve("notebooks").resolve(e.id() + ".jsh"))), StandardCharsets.UTF_8);
            System.out.println("wrote " + target);
        }
    }

    /** The .ipynb text (nbformat 4) for {@code notebook}. */
    public static String ipynb(Exercise exercise, Notebook notebook) throws IOException {
        ObjectNode nb = JSON.createObjectNode();
        ArrayNode cells = nb.putArray("cells");
        List<String> intro = new ArrayList<>(notebook.intro().lines().toList());
        String title = intro.isEmpty() ? exercise.action() : intro.remove(0).replaceFirst("^Notebook for ", "").replaceFirst("\\.$", "");
        markdown(cells, exercise.id() + "-intro", "# " + capitalize(title) + "\n\n"
                + "Runs on the **" + KERNEL_DISPLAY_NAME + "** kernel (install it once: `./jbang notebook --install-kernel`, "
                + "see docs/notebooks.md). Run the cells in order. The first two load the lab runtime, your current `exercises/"
                + exercise.fileName() + "` and a ready `client`; after you edit that file, restart the kernel and run all cells again.\n\n"
                + "Helpers: `show(x)` prints a result as a table with values masked, `attempt(() -> ...)` calls your function "
                + "(an unfilled region prints which one to fill), `check()` runs the checks on your file as saved.");
        code(cells, exercise.id() + "-setup-compile", "dev.kvlab.console.notebook.NotebookSession.prepare(\"" + exercise.id() + "\");");
        code(cells, exercise.id() + "-setup-client", Prelude.imports("dev.kvlab.exercises." + exercise.className()).strip()
                + "\nSecretClient client = NotebookSession.client();");
        for (Notebook.Cell cell : notebook.cells()) {
            String id = exercise.id() + "-" + cell.number();
            markdown(cells, id + "-text", "## " + cell.number() + ". " + cell.title()
                    + (cell.explanation().isEmpty() ? "" : "\n\n" + cell.explanation().replace("\n", " ")));
            code(cells, id + "-code", cell.code());
        }
        ObjectNode metadata = nb.putObject("metadata");
        ObjectNode kernel = metadata.putObject("kernelspec");
        kernel.put("name", KERNEL_NAME).put("display_name", KERNEL_DISPLAY_NAME).put("language", "java");
        metadata.putObject("language_info").put("name", "java").put("file_extension", ".jshell");
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        return JSON.writeValueAsString(nb) + "\n";
    }

    private static void markdown(ArrayNode cells, String id, String text) {
        ObjectNode cell = cells.addObject().put("cell_type", "markdown").put("id", id);
        cell.putObject("metadata");
        source(cell, text);
    }

    private static void code(ArrayNode cells, String id, String text) {
        ObjectNode cell = cells.addObject().put("cell_type", "code").put("id", id);
        cell.putNull("execution_count");
        cell.putObject("metadata");
        cell.putArray("outputs");
        source(cell, text);
    }

    /** Jupyter's source is a list of lines, each but the last ending in a newline. */
    private static void source(ObjectNode cell, String text) {
        ArrayNode lines = cell.putArray("source");
        List<String> all = text.lines().toList();
        for (int i = 0; i < all.size(); i++) {
            lines.add(all.get(i) + (i < all.size() - 1 ? "\n" : ""));
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
