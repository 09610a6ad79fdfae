package dev.kvlab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The class list, optional: {@code roster.csv} in the submissions folder, a header line naming a {@code learner}
 * (or {@code name}) column, then a row per learner (other columns, such as ids and emails, are kept as they are
 * and not graded). Every learner on it gets a row, even one who handed in nothing.
 */
final class Roster {
    static final String FILE = "roster.csv";

    private Roster() {}

    /** The learners named in {@code submissions/roster.csv}; empty when there is none. */
    static List<String> read(Path submissions) {
        Path file = submissions.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + FILE + " (" + e.getMessage()
                    + "): save it as UTF-8 CSV, or remove it");
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1))
                .map(h -> h.strip().replace("\"", "").toLowerCase(Locale.ROOT)).toList();
        int column = header.indexOf("learner") >= 0 ? header.indexOf("learner") : header.indexOf("name");
        if (column < 0) {
            throw new IllegalArgumentException(FILE + " has no learner column: its first line must name one "
                    + "(learner,id,email)");
        }
        List<String> learners = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells.length > column && !cells[column].isBlank()) {
                learners.add(cells[column].strip().replace("\"", ""));
            }
        }
        return learners;
    }
}
