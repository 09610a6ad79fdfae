package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SolutionsTest {
    @Execution(ExecutionMode.CONCURRENT) // the class itself runs alone, like every other: its runs go two at a time
    @ParameterizedTest
    @ValueSource(strings = {"retrieve", "list", "rotate", "cache", "versions", "lifecycle", "hygiene", "access", "resilient", "references", "audit", "settings", "flags", "refresh"})
    void everySolutionPassesEveryCheck(String alias) {
        Report report = Checks.run(Checks.Options.of(Exercise.named(alias)).solution(true).seed(42));
        assertTrue(report.passed(), () -> report.problem() + "\n" + report.results().stream()
                .map(r -> r.status() + " " + r.name() + ": " + r.message()).collect(Collectors.joining("\n")));
    }
}
