package dev.kvlab.console;

import dev.kvlab.checks.CheckResult;
import dev.kvlab.checks.Checks;
import dev.kvlab.checks.Hints;
import dev.kvlab.checks.Report;
import dev.kvlab.checks.ResultsFiles;
import dev.kvlab.runtime.Diagnosis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** "Check my work": runs an exercise's checks in process on the file as saved now, as ./jbang check does. */
public final class WorkChecker {
    private final LabFolder folder;
    private final Path results;
    /** Where .lab/hints/ keeps each check's streak of failed runs. */
    private final Path hintsRoot;
    private final Duration timeout;

    /** Writes the learner's results where ./jbang check does (results/<alias>/), so the home page's progress follows. */
    WorkChecker(LabFolder folder) {
        this(folder, folder.root().resolve("results"), folder.root(), Duration.ofSeconds(10));
    }

    /**
     * As {@link #WorkChecker(LabFolder)}, with the results and the hints' streaks in {@code results}: a test's own
     * folder, so neither the checkout's progress nor tests running beside it change what it shows.
     */
    WorkChecker(LabFolder folder, Path results) {
        this(folder, results, results, Duration.ofSeconds(10));
    }

    /** As {@link #WorkChecker(LabFolder, Path)} (null = no results), with this time limit per check. */
    WorkChecker(LabFolder folder, Path results, Duration timeout) {
        this(folder, results, folder.root(), timeout);
    }

    private WorkChecker(LabFolder folder, Path results, Path hintsRoot, Duration timeout) {
        this.folder = folder;
        this.results = results;
        this.hintsRoot = hintsRoot;
        this.timeout = timeout;
    }

    /** The folder holding results/<alias>/results.json, or null. */
    Path results() {
        return results;
    }

    /** The checks' report for {@code file}; a file under solutions/ is graded as the reference solution. */
    public static Report report(Path labRoot, Exercise exercise, Path file) {
        return report(labRoot, exercise, file, Duration.ofSeconds(10));
    }

    private static Report report(Path labRoot, Exercise exercise, Path file, Duration timeout) {
        dev.kvlab.checks.Exercise e = dev.kvlab.checks.Exercise.named(exercise.id());
        Checks.Options options = Checks.Options.of(e).labRoot(labRoot).timeout(timeout);
        boolean solution = file.toAbsolutePath().normalize().equals(labRoot.resolve("solutions").resolve(exercise.fileName()).toAbsolutePath().normalize());
        return Checks.run(solution ? options.solution(true) : options.file(file));
    }

    CheckView check(Exercise exercise) {
        Report report;
        try {
            report = report(folder.root(), exercise, folder.file(exercise), timeout);
        } catch (RuntimeException e) {
            return new CheckView(exercise.action(), "The checks could not run.", false, Diagnosis.of(e, null), List.of());
        }
        if (results != null && !folder.sources().endsWith("solutions")) {   // the reference solution is not the learner's progress
            try {
                ResultsFiles.write(report, results.resolve(exercise.id()));
            } catch (RuntimeException e) {
                // the page still shows the report; only the home page's progress misses this check
            }
        }
        // the code-level hint only once the same check has failed three runs in a row, as ./jbang check does
        Hints hints = hints(hintsRoot, exercise);
        List<CheckView.Line> lines = report.results().stream()
                .map(r -> new CheckView.Line(r.name(), r.status().exercism(), r.passed(), r.passed() ? null : r.message(),
                        hints.failed(r.name(), failed(r)) ? r.hint() : null))
                .toList();
        hints.save();
        String summary = report.problem() != null
                ? folder.shown(exercise) + " could not be checked."
                : report.score() + " of " + report.maxScore() + " check(s) passed"
                  + (report.passed() ? ": well done." : ". Fix the first failing check, save, and check again.");
        return new CheckView(exercise.action(), summary, report.passed(), report.problem(), lines);
    }

    /** The report as text lines, for the notebooks' check(): PASS/FAIL per check, the hint under a failure. */
    public static List<String> textLines(Exercise exercise, Path file) {
        Path root = LabFolder.findRoot(file.toAbsolutePath().getParent()).orElse(file.toAbsolutePath().getParent().getParent());
        Report report = report(root, exercise, file);
        Hints hints = hints(root, exercise);
        List<String> lines = new ArrayList<>();
        for (CheckResult r : report.results()) {
            if (r.passed()) {
                lines.add("PASS " + r.name());
            } else {
                lines.add(r.status().exercism().toUpperCase() + " " + r.name() + ": " + firstLine(r.message()));
                if (hints.failed(r.name(), failed(r)) && r.hint() != null) {
                    lines.add("     hint: " + r.hint());
                }
            }
        }
        hints.save();
        if (report.problem() != null) {
            lines.add(report.problem());
        }
        lines.add(report.problem() != null ? exercise.id() + ": not checked (fix the file first)"
                : exercise.id() + ": " + report.score() + " of " + report.maxScore() + " check(s) passed"
                  + (report.passed() ? ", well done." : "."));
        return lines;
    }

    private static Hints hints(Path root, Exercise exercise) {
        return Hints.of(root, dev.kvlab.checks.Exercise.named(exercise.id()), false);
    }

    private static boolean failed(CheckResult r) {
        return r.status() == CheckResult.Status.FAIL;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }
}
