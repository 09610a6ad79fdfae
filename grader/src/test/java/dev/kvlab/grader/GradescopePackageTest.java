package dev.kvlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.checks.Exercise;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradescope's contract, simulated: the autograder zip is unpacked where Gradescope puts it
 * ({@code <root>/source}), {@code setup.sh} runs once, then {@code run_autograder} grades
 * {@code <root>/submission} into {@code <root>/results/results.json}, through the lab's own {@code ./jbang}.
 */
class GradescopePackageTest {
    @TempDir
    Path root;

    @Test
    void theAutograderZipGradesASubmissionIntoGradescopesResults() throws Exception {
        Path zip = root.resolve("autograder.zip");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = GradeCommand.execute(new PrintStream(stdout, true, StandardCharsets.UTF_8), Clock.systemUTC(),
                "--gradescope-package", zip.toString());
        assertEquals(0, status, stdout.toString(StandardCharsets.UTF_8));

        Path source = Files.createDirectories(root.resolve("source"));
        Map<String, Integer> modes = new LinkedHashMap<>();
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(file.getEntries())) {
                modes.put(e.getName(), e.getUnixMode() & 0777);
                Path to = source.resolve(e.getName()).normalize();
                assertTrue(to.startsWith(source), e.getName());
                Files.createDirectories(to.getParent());
                try (InputStream in = file.getInputStream(e)) {
                    Files.copy(in, to);
                }
                to.toFile().setExecutable((e.getUnixMode() & 0100) != 0);
            }
        }
        assertEquals(0755, modes.get("setup.sh"));
        assertEquals(0755, modes.get("run_autograder"));
        assertEquals(0755, modes.get("jbang"));
        assertTrue(modes.containsKey("exercises/RetrieveSecrets.java"));
        assertTrue(modes.containsKey("grader/pom.xml"));
        assertFalse(modes.keySet().stream().anyMatch(n -> n.contains("/target/") || n.startsWith("target/")
                || n.endsWith(".env") || n.startsWith(".git/")), modes.keySet().toString());

        // Gradescope copies run_autograder next to source/, and hands in the learner's files in submission/
        Files.copy(source.resolve("run_autograder"), root.resolve("run_autograder"));
        root.resolve("run_autograder").toFile().setExecutable(true);
        Path submission = Files.createDirectories(root.resolve("submission"));
        Files.writeString(submission.resolve(Exercise.RETRIEVE.fileName()), Learners.solution(Exercise.RETRIEVE));
        Files.writeString(submission.resolve(Exercise.LIST.fileName()), Learners.stub(Exercise.LIST));
        Files.createDirectories(root.resolve("results"));

        Map<String, String> env = Map.of("AUTOGRADER_ROOT", root.toString());
        LabCopy.Run setup = LabCopy.bash(source, "bash setup.sh", env, 10);
        assertEquals(0, setup.status(), setup.toString());
        assertTrue(setup.stdout().contains("The lab's autograder is ready."), setup.toString());

        LabCopy.Run run = LabCopy.bash(root, "./run_autograder",
                Map.of("AUTOGRADER_ROOT", root.toString(), "KVLAB_GRADE_OPTIONS", "--exercises retrieve,list --seed 3"),
                5);
        assertEquals(0, run.status(), run.toString());
        JsonNode results = new ObjectMapper().readTree(root.resolve("results/results.json").toFile());
        Course course = new Course(Learners.ROOT);
        assertEquals(course.points(Exercise.RETRIEVE), results.get("score").asInt(), results.toString());
        assertEquals("visible", results.get("visibility").asText());
        assertTrue(results.get("execution_time").asDouble() > 0);
        List<JsonNode> tests = new java.util.ArrayList<>();
        results.get("tests").forEach(tests::add);
        assertEquals(course.points(Exercise.RETRIEVE) + course.points(Exercise.LIST), tests.size(), results.toString());
        for (JsonNode t : tests) {
            boolean retrieve = t.get("name").asText().startsWith("retrieve: ");
            assertEquals(retrieve ? "passed" : "failed", t.get("status").asText(), t.toString());
            assertEquals(retrieve ? 1 : 0, t.get("score").asInt(), t.toString());
            assertEquals(1, t.get("max_score").asInt());
            assertEquals(retrieve ? "retrieve" : "list", t.get("tags").get(0).asText());
            if (!retrieve) {
                assertTrue(t.get("output").asText().startsWith("not implemented yet: ListSecretProperties"), t.toString());
            }
        }
    }
}
