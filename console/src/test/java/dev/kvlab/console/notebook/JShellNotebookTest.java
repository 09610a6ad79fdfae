package dev.kvlab.console.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.console.Exercise;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** Every JShell notebook runs headless, cell by cell: with the solutions, and with the untouched exercises. */
class JShellNotebookTest {

    record Run(int status, String out, String err) {}

    static Run notebook(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int status = new CommandLine(new NotebookCommand())
                    .setExecutionExceptionHandler((ex, line, parsed) -> {
                        System.err.println("Error: " + ex.getMessage());
                        return 1;
                    })
                    .execute(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @ParameterizedTest
    @EnumSource(Exercise.class)
    void everyCellRunsWithTheSolution(Exercise exercise) {
        Run run = notebook(exercise.id(), "--run", "--sources", "solutions");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().matches("(?s).*Ran \\d+ cells of notebooks/" + exercise.id() + "\\.jsh in \\d+ ms\\.\\s*"), run.out());
        assertTrue(run.out().contains(exercise.id() + ": ") && run.out().contains("check(s) passed, well done."), run.out());
        assertFalse(run.out().contains("Not implemented yet"), run.out());
        assertFalse(run.out().contains("sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq"), "a whole secret value was printed");
    }

    @ParameterizedTest
    @EnumSource(Exercise.class)
    void theUntouchedExerciseShowsTheNotImplementedLineNotAStackTrace(Exercise exercise) {
        Run run = notebook(exercise.id(), "--run");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("Not implemented yet: " + exercise.className() + ": fill in region "), run.out());
        assertFalse(run.out().contains("\tat ") || run.out().contains("Exception in"), "no stack trace: " + run.out());
    }

    @Test
    void aFailingCellStopsTheRunAndIsNamed(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.jsh");
        Files.writeString(broken, """
                // %% Fine
                System.out.println("first cell ran");
                // %% Typo
                // This cell names a variable that does not exist.
                System.out.println(clinet.getVaultUrl());
                // %% Never reached
                System.out.println("third cell ran");
                """);
        Run run = notebook("list", "--run", "--notebook", broken.toString());
        assertEquals(1, run.status());
        assertTrue(run.out().contains("first cell ran"));
        assertFalse(run.out().contains("third cell ran"));
        assertTrue(run.err().startsWith("Error: cell 2 (Typo) of " + broken + " (line 3) failed: does not compile: cannot find symbol"),
                run.err());
    }

    @Test
    void anExceptionInACellIsOneLine(@TempDir Path dir) throws Exception {
        Path throwing = dir.resolve("throwing.jsh");
        Files.writeString(throwing, "// %% Missing secret\nclient.getSecret(\"no-such-secret\");\n");
        Run run = notebook("retrieve", "--run", "--notebook", throwing.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("Error: cell 1 (Missing secret) of " + throwing
                + " (line 1) failed: com.azure.core.exception.ResourceNotFoundException: "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void cellsAreSplitAtTheirMarkers() {
        Notebook nb = Notebook.parse(Path.of("x.jsh"), """
                // intro line
                // %% Create the client
                // why this cell
                // matters
                SecretClient client = Lab.client();
                // %% Second
                show(1);
                """);
        assertEquals("intro line", nb.intro());
        assertEquals(2, nb.cells().size());
        Notebook.Cell first = nb.cells().get(0);
        assertEquals("Create the client", first.title());
        assertEquals("why this cell\nmatters", first.explanation());
        assertEquals("SecretClient client = Lab.client();", first.code());
        assertEquals(2, first.line());
        assertEquals("cell 2 (Second)", nb.cells().get(1).label());
    }
}
