package dev.kvlab.console;

import java.nio.file.Path;
import java.util.List;

// TEMPORARY until wip/checks lands (the real one is held aside).
public final class WorkChecker {
    WorkChecker(LabFolder folder) {
    }

    CheckView check(Exercise exercise) {
        return new CheckView(exercise.action(), "The checks are not available yet.", false, "checks missing", List.of());
    }

    public static List<String> textLines(Exercise exercise, Path file) {
        return List.of("checks missing");
    }
}
