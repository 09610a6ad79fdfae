package dev.kvlab.console;

import dev.kvlab.checks.CheckResult;
import dev.kvlab.checks.Checks;
import dev.kvlab.checks.Report;
import java.util.List;

/** "Check my work": runs an exercise's checks in process on the learner's current file, as ./jbang check does. */
final class WorkChecker {
    private final LabFolder folder;

    WorkChecker(LabFolder folder) {
        this.folder = folder;
    }

    Report report(Exercise exercise) {
        return Checks.run(exercise.id(), folder.file(exercise));
    }

    CheckView check(Exercise exercise) {
        Report report;
        try {
            report = report(exercise);
        } catch (RuntimeException e) {
            return new CheckView(exercise.action(), "The checks could not run.", false,
                    dev.kvlab.runtime.Diagnosis.of(e, null), List.of());
        }
        List<CheckView.Line> lines = report.results().stream()
                .map(r -> new CheckView.Line(r.name(), r.status().exercism(), r.passed(), r.message(),
                        r.passed() ? null : r.hint()))
                .toList();
        String summary = report.problem() != null
                ? folder.shown(exercise) + " could not be checked."
                : report.score() + " of " + report.maxScore() + " check(s) passed"
                  + (report.passed() ? ": well done." : ". Fix the first failing check, save, and check again.");
        return new CheckView(exercise.action(), summary, report.passed(), report.problem(), lines);
    }

    static String line(CheckResult r) {
        return (r.passed() ? "PASS " : r.status().exercism().toUpperCase() + " ") + r.name()
                + (r.message() == null || r.message().isBlank() ? "" : ": " + r.message());
    }
}
