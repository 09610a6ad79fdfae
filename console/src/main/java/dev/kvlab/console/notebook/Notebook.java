package dev.kvlab.console.notebook;

import dev.kvlab.runtime.LabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JShell notebook: a {@code .jsh} file whose cells start with a marker line {@code // %% Title} (the "percent"
 * cell format editors and Jupytext know), followed by comment lines that explain the cell and the code to run.
 */
public record Notebook(Path file, String intro, List<Cell> cells) {
    private static final Pattern MARKER = Pattern.compile("^// %%\\s*(.*)$");

    /** One cell: its number (from 1), title, explanation (comment text without the slashes) and code. */
    public record Cell(int number, String title, String explanation, String code, int line) {
        public String label() {
            return "cell " + number + " (" + title + ")";
        }
    }

    public static Notebook read(Path file) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LabException("cannot read the notebook " + file + " (" + e.getMessage() + "). Check the exercise name.");
        }
    }

    static Notebook parse(Path file, String text) {
        List<String> lines = text.lines().toList();
        StringBuilder intro = new StringBuilder();
        List<Cell> cells = new ArrayList<>();
        int i = 0;
        for (; i < lines.size() && !MARKER.matcher(lines.get(i)).matches(); i++) {
            intro.append(comment(lines.get(i))).append('\n');
        }
        while (i < lines.size()) {
            Matcher m = MARKER.matcher(lines.get(i));
            m.matches();
            String title = m.group(1).trim();
            int markerLine = i + 1;
            i++;
            StringBuilder explanation = new StringBuilder();
            for (; i < lines.size() && lines.get(i).startsWith("//") && !MARKER.matcher(lines.get(i)).matches(); i++) {
                explanation.append(comment(lines.get(i))).append('\n');
            }
            StringBuilder code = new StringBuilder();
            for (; i < lines.size() && !MARKER.matcher(lines.get(i)).matches(); i++) {
                code.append(lines.get(i)).append('\n');
            }
            cells.add(new Cell(cells.size() + 1, title, explanation.toString().strip(), code.toString().strip(), markerLine));
        }
        return new Notebook(file, intro.toString().strip(), List.copyOf(cells));
    }

    private static String comment(String line) {
        return line.replaceFirst("^//+ ?", "");
    }
}
