package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the checks refuse or stop: edits outside the regions, compile errors, endless loops, banned APIs. */
class SubmissionProblemsTest {
    @TempDir
    Path dir;

    private Path learnerFile(String alias, Map<String, String> regions) throws Exception {
        Exercise e = Exercise.named(alias);
        String text = Files.readString(Fixture.ROOT.resolve("exercises").resolve(e.fileName()));
        for (Map.Entry<String, String> r : regions.entrySet()) {
            text = text.replaceFirst("(?m)^(\\s*// BEGIN " + r.getKey() + "\\n)[^\\n]*\\n",
                    "$1" + java.util.regex.Matcher.quoteReplacement(r.getValue()) + "\n");
        }
        Path file = dir.resolve(e.fileName());
        Files.writeString(file, text);
        return file;
    }

    private static int lineOf(Path file, String text) throws Exception {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    @Test
    void editOutsideTheRegionsIsReportedAndNothingRuns() throws Exception {
        Path file = learnerFile("retrieve", Map.of());
        Files.writeString(file, Files.readString(file).replace("import java.util.Objects;",
                "import java.util.Objects;\nimport java.io.File;"));
        Path results = dir.resolve("results");
        Report report = Checks.run(Checks.Options.of(Exercise.RETRIEVE).file(file).results(results));
        assertNotNull(report.problem());
        assertTrue(report.problem().contains(":" + lineOf(file, "import java.io.File;") + ": edited outside the regions"),
                report.problem());
        assertTrue(report.results().isEmpty());
        assertEquals("error", report.status());
        assertTrue(Files.readString(results.resolve("results.json")).contains("\"status\" : \"error\""));
    }

    @Test
    void compileErrorIsReportedAtTheLearnersLineAndRegion() throws Exception {
        Path file = learnerFile("retrieve", Map.of("RETRIEVE_SECRETS",
                "        List<SecretReport> reports = new ArrayList<>();\n        return reprots;"));
        Report report = Checks.run(Checks.Options.of(Exercise.RETRIEVE).file(file));
        int line = lineOf(file, "return reprots;");
        assertNotNull(report.problem());
        assertTrue(report.problem().startsWith("does not compile: "), report.problem());
        assertTrue(report.problem().contains(file.toString().replace(dir.toString(), "").substring(1) + ":" + line
                + " (region RETRIEVE_SECRETS): cannot find symbol"), report.problem());
    }

    @Test
    void unbalancedBraceIsReportedAfterItsRegion() throws Exception {
        Path file = learnerFile("list", Map.of("LIST_SECRETS", "        if (true) {\n        return null;"));
        Report report = Checks.run(Checks.Options.of(Exercise.LIST).file(file));
        assertNotNull(report.problem());
        assertTrue(report.problem().contains("LIST_SECRETS"), report.problem());
    }

    @Test
    void endlessLoopTimesOutAndTheRunGoesOn() throws Exception {
        Path file = learnerFile("retrieve", Map.of("RETRIEVE_SECRETS",
                "        long n = 0;\n        while (n >= 0) { n = (n + 1) % 1000; }\n        return null;"));
        long start = System.nanoTime();
        Report report = Checks.run(Checks.Options.of(Exercise.RETRIEVE).file(file).timeout(Duration.ofSeconds(1)));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(seconds < 30, "took " + seconds + " s");
        assertEquals(5, report.results().size(), FixturesTest.describe(report));
        for (CheckResult r : report.results()) {
            assertEquals(CheckResult.Status.FAIL, r.status());
            assertTrue(r.message().startsWith("timed out after 1 s: region RETRIEVE_SECRETS did not finish")
                    || r.message().startsWith("timed out: region RETRIEVE_SECRETS did not finish in an earlier check"),
                    r.message());
        }
        // it spun through its budget once; the later checks say so instead of spending theirs (one may miss it when
        // the machine is so busy the loop got under a quarter of a core)
        long notRunAgain = report.results().stream().filter(r -> r.message().endsWith("so it was not run again")).count();
        assertTrue(notRunAgain >= 3, FixturesTest.describe(report));
        // the loop was ended by ending its process: nothing of it is left running, here or in a child
        assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive), "a process was left behind");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("kvlab-check-")),
                "a learner thread was left behind");
    }

    /**
     * However long the budget, a call that keeps the processor busy is stopped once it has used 3 s of CPU time (a
     * grader's endless loops would otherwise hold a core for the whole budget).
     */
    @Test
    void anEndlessLoopIsStoppedByItsCpuTimeBeforeALongBudgetEnds() throws Exception {
        Path file = learnerFile("retrieve", Map.of("RETRIEVE_SECRETS",
                "        long n = 0;\n        while (n >= 0) { n = (n + 1) % 1000; }\n        return null;"));
        Report report = Checks.run(Checks.Options.of(Exercise.RETRIEVE).file(file).timeout(Duration.ofSeconds(300)));
        CheckResult first = report.results().get(0);
        assertEquals(CheckResult.Status.FAIL, first.status());
        assertEquals("timed out after 3 s of CPU time: region RETRIEVE_SECRETS did not finish and kept the processor busy "
                + "the whole time (an endless loop)", first.message());
        for (CheckResult r : report.results().subList(1, report.results().size())) {
            assertEquals("timed out: region RETRIEVE_SECRETS did not finish in an earlier check, where it kept the CPU busy "
                    + "the whole time (an endless loop), so it was not run again", r.message());
        }
    }

    /** A call that waits (not an endless loop: it uses no CPU) may finish next time: every check tries it. */
    @Test
    void aCallThatOnlyWaitsIsTriedAgainInEveryCheck() throws Exception {
        Path file = learnerFile("retrieve", Map.of("RETRIEVE_SECRETS",
                "        try { new java.util.concurrent.CountDownLatch(1).await(); } catch (InterruptedException e) { }\n"
                        + "        return null;"));
        System.setProperty(Checks.NO_GATE, "true"); // the gate is a teaching layer; the deadline is what is tested
        Report report;
        try {
            report = Checks.run(Checks.Options.of(Exercise.RETRIEVE).file(file).timeout(Duration.ofSeconds(1)));
        } finally {
            System.clearProperty(Checks.NO_GATE);
        }
        assertEquals(5, report.results().size(), FixturesTest.describe(report));
        for (CheckResult r : report.results()) {
            assertEquals("timed out after 1 s: region RETRIEVE_SECRETS did not finish (an endless loop, or waiting "
                    + "for something that never comes)", r.message());
        }
    }

    @Test
    void aMainMethodOfTheRegionsOwnDoesNotEscapeTheGate() throws Exception {
        Path file = learnerFile("retrieve", Map.of("RETRIEVE_SECRETS",
                "        new Object() { void main() { Runtime.getRuntime().halt(0); } }.main();\n        return null;"));
        Report report = Checks.run(Checks.Options.of(Exercise.RETRIEVE).file(file));
        CheckResult gate = report.results().get(0);
        assertEquals(Checks.SAFE_CODE, gate.name());
        assertEquals(CheckResult.Status.FAIL, gate.status(), FixturesTest.describe(report));
        assertTrue(gate.message().contains(":" + lineOf(file, "halt(0)") + " (region RETRIEVE_SECRETS)"), gate.message());
    }

    @Test
    void bannedApiStopsTheRunBeforeAnyLearnerCodeRuns() throws Exception {
        Path file = learnerFile("retrieve", Map.of("RETRIEVE_SECRETS", "        System.exit(3);\n        return null;"));
        Report report = Checks.run(Checks.Options.of(Exercise.RETRIEVE).file(file));
        CheckResult gate = report.results().get(0);
        assertEquals(Checks.SAFE_CODE, gate.name());
        assertEquals(CheckResult.Status.FAIL, gate.status());
        int line = lineOf(file, "System.exit(3);");
        assertTrue(gate.message().contains(":" + line + " (region RETRIEVE_SECRETS)"), gate.message());
        assertTrue(gate.message().contains("System.exit"), gate.message());
        assertTrue(report.results().stream().skip(1).allMatch(r -> r.status() == CheckResult.Status.NOT_RUN));
    }

    @Test
    void threadsAndReflectionAreRefused() throws Exception {
        Path file = learnerFile("list", Map.of("LIST_SECRETS",
                "        new Thread(() -> {}).start();\n        try { Class.forName(\"x\"); } catch (Exception e) { }\n"
                        + "        return null;"));
        Report report = Checks.run(Checks.Options.of(Exercise.LIST).file(file));
        CheckResult gate = report.results().get(0);
        assertEquals(CheckResult.Status.FAIL, gate.status());
        assertTrue(gate.message().contains("starts threads"), gate.message());
        assertTrue(gate.message().contains("and 1 more") || gate.message().contains("and 2 more"), gate.message());
    }
}
