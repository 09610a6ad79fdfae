package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./jbang check} end to end, as a learner runs it: in a copy of the working tree (what git would check out),
 * through the launcher, JBang and the catalog's {@code check} alias, with nothing of Azure in the environment.
 */
class CheckCommandTest {
    static Path copy;

    record Run(int status, String stdout, String stderr) {}

    @BeforeAll
    static void copyTheTree() throws Exception {
        copy = Files.createTempDirectory("kvlab-check-e2e-");
        Process git = new ProcessBuilder("git", "-C", Fixture.ROOT.toString(), "ls-files", "-z", "--cached", "--others",
                "--exclude-standard").start();
        String files = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor());
        for (String name : files.split("\0")) {
            Path from = Fixture.ROOT.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(from)) {
                continue;
            }
            Path to = copy.resolve(name);
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
            to.toFile().setExecutable(Files.isExecutable(from));
        }
    }

    @AfterAll
    static void deleteTheCopy() throws IOException {
        try (Stream<Path> walk = Files.walk(copy)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Run jbang(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./jbang"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(copy, "out", ".txt");
        Path err = Files.createTempFile(copy, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(copy.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Stage2Test.scrub(pb.environment());
        pb.environment().put("JBANG_NO_VERSION_CHECK", "1");
        pb.environment().put("LC_ALL", "C.UTF-8");
        // the launcher's class-data archive is made by a background JVM that would outlive this test and its copy
        pb.environment().put("KVLAB_CDS", "off");
        Process p = pb.start();
        if (!p.waitFor(8, TimeUnit.MINUTES)) { // the first run installs the lab's libraries
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("./jbang " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void solutionPassesThroughTheLauncher() throws Exception {
        Run run = jbang("check", "retrieve", "--solution", "--seed", "21");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.stdout().contains("Checking solutions/RetrieveSecrets.java (retrieve; seed 21"), run.stdout());
        assertTrue(run.stdout().contains("  ✓ reads each secret exactly once"), run.stdout());
        assertTrue(run.stdout().contains(Checks.STAGE2_SKIPPED), run.stdout());
        assertTrue(run.stdout().contains("retrieve: 5 of 5 checks passed"), run.stdout());
        JsonNode json = new ObjectMapper().readTree(copy.resolve("results/retrieve/results.json").toFile());
        assertEquals(3, json.get("version").asInt());
        assertEquals("pass", json.get("status").asText());
        assertEquals(5, json.get("score").asInt());
        assertEquals(5, json.get("max_score").asInt());
        assertTrue(Files.isRegularFile(copy.resolve("results/retrieve/TEST-retrieve.xml")));
    }

    @Test
    void untouchedExerciseFailsWithOneLinePerCheckAndNoStackTrace() throws Exception {
        Run run = jbang("check", "list", "--hint");
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.stdout().contains("✗ lists every secret"), run.toString());
        assertEquals(1, run.stdout().split("not implemented yet: ListSecretProperties: fill in region LIST_SECRETS",
                -1).length - 1, "one cause is told once: " + run.stdout());
        assertTrue(run.stdout().contains("(the same as above)"), run.stdout());
        assertTrue(run.stdout().contains("      see task 1: docs/list.md#1"), run.stdout());
        assertTrue(run.stdout().contains("      hint: "), "--hint shows the hint: " + run.stdout());
        assertFalse((run.stdout() + run.stderr()).contains("\tat "), run.toString());
    }

    @Test
    void unknownExerciseIsAUsageError() throws Exception {
        Run run = jbang("check", "retreive");
        assertEquals(2, run.status(), run.toString());
        List<String> lines = run.stderr().lines().filter(l -> !l.startsWith("[jbang]")
                && !l.startsWith("Preparing the lab libraries") && !l.startsWith("Fetching JBang")).toList();
        assertEquals(List.of("Error: no exercise 'retreive': use retrieve, list, rotate, cache, versions, lifecycle, hygiene, access, resilient, references, audit, settings, flags, refresh or all. "
                + "Run ./jbang check --help for the options."), lines);
    }
}
