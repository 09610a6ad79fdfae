package dev.kvlab.console.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.console.Exercise;
import dev.kvlab.console.ExerciseCompiler;
import dev.kvlab.testing.RequiredTools;
import dev.kvlab.testing.RequiresTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Jupyter notebook executes headless (jupyter nbconvert --execute) on the project-local Java kernel: with the
 * solutions loaded no cell errs; with an untouched exercise (one per module) the call of the learner's function shows
 * the not-implemented line, not a stack trace. The .ipynb files are the ones made from the .jsh notebooks. Two
 * notebooks run at once: a kernel's start is mostly waiting.
 */
@RequiresTool(value = "jupyter-nbconvert", debian = "jupyter-nbconvert python3-nbclient python3-ipykernel")
class JupyterNotebookTest {
    static final Path ROOT = Path.of(System.getProperty("kvlab.root", "..")).toAbsolutePath().normalize();
    static final Path JUPYTER = Path.of("target", "jupyter").toAbsolutePath();
    static final Path OUT = Path.of("target", "notebooks").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();
    static final int ATTEMPTS = 6;

    @BeforeAll
    static void installKernel() throws Exception {
        JupyterKernel.install(JUPYTER, ExerciseCompiler.classPathEntries());
    }

    @ParameterizedTest
    @EnumSource(Exercise.class)
    void theCommittedNotebookIsTheOneMadeFromTheJShellNotebook(Exercise exercise) throws IOException {
        String made = JupyterNotebooks.ipynb(exercise, Notebook.read(ROOT.resolve("notebooks").resolve(exercise.id() + ".jsh")));
        assertEquals(made, Files.readString(ROOT.resolve("notebooks").resolve(exercise.id() + ".ipynb")),
                "notebooks/" + exercise.id() + ".ipynb is stale: regenerate it (see notebooks/README.md)");
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest
    @EnumSource(Exercise.class)
    void everyCellRunsWithTheSolution(Exercise exercise) throws Exception {
        String output = outputs(execute(exercise, "solutions"));
        assertTrue(output.contains(exercise.id() + ": ") && output.contains("check(s) passed, well done."), output);
        assertFalse(output.contains("Not implemented yet"), output);
        assertFalse(output.contains("sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq"), "a whole secret value was printed");
    }

    /**
     * One exercise per module: the line comes from NotebookSession, the same code for every notebook, and
     * JShellNotebookTest runs all fourteen untouched notebooks; here it is the kernel's rendering that is proved
     * (each run costs a kernel start, about 17 s).
     */
    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest
    @EnumSource(value = Exercise.class, names = {"RETRIEVE", "VERSIONS", "ACCESS", "SETTINGS"})
    void theUntouchedExerciseShowsTheNotImplementedLineNotAStackTrace(Exercise exercise) throws Exception {
        String output = outputs(execute(exercise, "exercises"));
        assertTrue(output.contains("Not implemented yet: " + exercise.className() + ": fill in region "), output);
        assertFalse(output.contains("\tat ") || output.contains("   at "), "no stack trace: " + output);
    }

    /** Runs nbconvert; fails the test on any cell error (nbconvert exits non-zero then). */
    static JsonNode execute(Exercise exercise, String sources) throws Exception {
        Path out = OUT.resolve(sources);
        Files.createDirectories(out);
        Path log = out.resolve(exercise.id() + ".log");
        Files.deleteIfExists(log);
        // The kernel (rapaio 3.0.1) sometimes misses the client's first requests while it starts and then never
        // answers, and now and then fails inside its own handling of a cell (it logs "Exception handling
        // execute_request", then never replies): start it again, as a person does with "Restart kernel" (at most
        // ATTEMPTS times, each attempt logged). The second fault is spotted in the log as it happens, not after the
        // cell's three-minute timeout.
        for (int attempt = 1; ; attempt++) {
            ProcessBuilder pb = new ProcessBuilder(RequiredTools.path("jupyter").toString(), "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.startup_timeout=15", "--ExecutePreprocessor.timeout=180",
                    "--output-dir", out.toString(), exercise.id() + ".ipynb")
                    .directory(ROOT.resolve("notebooks").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("AZURE_") || k.equals("KEY_VAULT_URL") || k.startsWith("IDENTITY_"));
            env.put("JUPYTER_PATH", JUPYTER.toString());
            env.put("JUPYTER_CONFIG_DIR", JUPYTER.resolve("config").toString());
            env.put("JUPYTER_DATA_DIR", JUPYTER.resolve("data").toString());
            env.put("JUPYTER_RUNTIME_DIR", JUPYTER.resolve("runtime").toString());
            env.put(NotebookSession.SOURCES_VARIABLE, sources);
            long logged = Files.exists(log) ? Files.size(log) : 0;
            Process nbconvert = pb.start();
            boolean kernelFault = false;
            while (!nbconvert.waitFor(500, TimeUnit.MILLISECONDS)) {
                if (attemptText(log, logged).contains(KERNEL_FAULT)) {
                    kernelFault = true;
                    nbconvert.descendants().forEach(ProcessHandle::destroyForcibly);
                    nbconvert.destroyForcibly().waitFor();
                }
            }
            int status = nbconvert.exitValue();
            System.out.println("notebooks/" + exercise.id() + ".ipynb with " + sources + ": attempt " + attempt
                    + (status == 0 ? " ran" : kernelFault ? " stopped: the kernel failed inside its own code" : " failed"));
            if (status == 0) {
                return JSON.readTree(out.resolve(exercise.id() + ".ipynb").toFile());
            }
            String last = attemptText(log, logged);
            boolean kernelAtFault = kernelFault || last.contains("Kernel didn't respond") || last.contains("Kernel died before replying");
            if (!kernelAtFault || attempt == ATTEMPTS) {
                fail("notebooks/" + exercise.id() + ".ipynb failed with " + sources + " (see " + log + "):\n"
                        + last.lines().filter(l -> !l.startsWith("Add ") && !l.startsWith("Parsing classpath")).reduce("", (a, b) -> a + b + "\n"));
            }
        }
    }

    static final String KERNEL_FAULT = "[ShellChannel]: Exception handling execute_request";

    /** What the log holds from byte {@code from} on: this attempt's part. */
    static String attemptText(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
    }

    /** Every code cell's output text; an error output fails the test. */
    static String outputs(JsonNode nb) {
        List<String> texts = new ArrayList<>();
        for (JsonNode cell : nb.get("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                if (output.path("output_type").asText().equals("error")) {
                    fail("cell " + cell.path("id").asText() + " failed: " + output.path("evalue").asText());
                }
                output.path("text").forEach(t -> texts.add(t.asText()));
                output.path("data").path("text/plain").forEach(t -> texts.add(t.asText()));
                assertFalse(texts.stream().anyMatch(t -> t.indexOf('\u001b') >= 0),
                        "cell " + cell.path("id").asText() + " shows raw ANSI escape codes: " + texts);
            }
        }
        return String.join("", texts);
    }
}
