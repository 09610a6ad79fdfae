package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An untouched exercise fails every check, each saying which region to fill in. */
class StubsTest {
    @Execution(ExecutionMode.CONCURRENT) // the class itself runs alone, like every other: its runs go two at a time
    @ParameterizedTest
    @ValueSource(strings = {"retrieve", "list", "rotate", "cache", "versions", "lifecycle", "hygiene", "access", "resilient", "references", "audit", "settings", "flags", "refresh"})
    void untouchedStubFailsEveryCheckAsNotImplemented(String alias) {
        Report report = Checks.run(Checks.Options.of(Exercise.named(alias)).seed(3));
        String all = FixturesTest.describe(report);
        assertNull(report.problem(), all);
        assertTrue(report.results().size() >= 4, all);
        assertEquals("fail", report.status());
        for (CheckResult r : report.results()) {
            assertEquals(CheckResult.Status.FAIL, r.status(), all);
            assertTrue(r.message().startsWith("not implemented yet: "), all);
            assertTrue(r.message().contains("fill in region"), all);
            assertFalse(r.message().contains("NullPointerException"), all);
        }
    }
}
