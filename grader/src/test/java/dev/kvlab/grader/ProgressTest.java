package dev.kvlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress: one plain line per learner off a terminal; on a terminal, the bar with done/total and the failing. */
class ProgressTest {
    @Test
    void plainLinesNameEachLearnerAndTheirStatus() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), false)) {
            p.start(2);
            p.done("alice", "graded", true);
            p.done("bob", "refused: handed in nothing (the folder is empty)", false);
        }
        assertEquals(List.of("[1/2] alice: graded", "[2/2] bob: refused: handed in nothing (the folder is empty)"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void theBarCountsDoneAndFailing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = Progress.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), true)) {
            p.start(2);
            p.done("alice", "graded", true);
            p.done("bob", "graded", false);
        }
        String bar = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("Grading"), bar);
        assertTrue(bar.contains("2/2"), bar);
        assertTrue(bar.contains("1 failing"), bar);
    }
}
