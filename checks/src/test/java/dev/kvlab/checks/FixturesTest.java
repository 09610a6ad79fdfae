package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.checks.learner.SharedLearners;
import dev.kvlab.checks.support.Redaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture submission gets the verdict it expects: correct ones pass, each wrong one fails its check. Two run at
 * once, as the grader runs submissions side by side, and like the grader's runs they share learner processes (our
 * fixtures are trusted; StubsTest, SolutionsTest and HostileSubmissionsTest take the fresh process of a self-paced
 * check).
 */
class FixturesTest {
    static SharedLearners learners;

    @TempDir
    Path dir;

    @BeforeAll
    static void shareLearners() {
        learners = new SharedLearners();
    }

    @AfterAll
    static void endLearners() {
        learners.close();
    }

    static Stream<Fixture> fixtures() {
        // -Dkvlab.fixtures=<alias>: only that exercise's fixtures (while writing them)
        String only = System.getProperty("kvlab.fixtures");
        return Fixture.all().stream().filter(f -> only == null || only.isBlank() || f.alias().equals(only));
    }

    @Execution(ExecutionMode.CONCURRENT) // the class itself runs alone, like every other: its runs go two at a time
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureGetsItsVerdict(Fixture fixture) throws Exception {
        Path file = fixture.write(dir);
        Path results = dir.resolve("results");
        Report report = Checks.run(Checks.Options.of(fixture.exercise()).file(file).seed(7).results(results)
                .learners(learners.pool()));
        String all = describe(report);
        assertNull(report.problem(), all);
        if (fixture.expect().equals("pass")) {
            assertTrue(report.passed(), all);
        } else {
            String check = fixture.expect().substring("fail ".length());
            CheckResult r = report.results().stream().filter(x -> x.name().startsWith(check)).findFirst()
                    .orElseThrow(() -> new AssertionError("no check named " + check + "\n" + all));
            assertEquals(CheckResult.Status.FAIL, r.status(), all);
            assertNotNull(r.message(), all);
            if (fixture.message() != null) {
                assertTrue(r.message().contains(fixture.message()), "message of " + r.name() + " lacks \""
                        + fixture.message() + "\": " + r.message());
            }
            assertFalse(r.message().contains("NullPointerException"), all);
        }
        for (String f : new String[] {"results.json", "TEST-" + fixture.alias() + ".xml"}) {
            String text = Files.readString(results.resolve(f));
            assertNull(Redaction.foundIn(text), f + " holds a whole secret value");
        }
    }

    static String describe(Report report) {
        return (report.problem() != null ? report.problem() + "\n" : "") + report.results().stream()
                .map(r -> r.status() + " " + r.name() + ": " + r.message()).collect(Collectors.joining("\n"));
    }
}
