package dev.kvlab.checks;

import java.io.PrintStream;

/**
 * Prints a report for people: a line per check (✓/✗ or PASS/FAIL) with the task to read, the code-level hint only
 * when {@link Hints} allows it, one cause told once, a summary line.
 */
final class ConsoleReport {
    private final PrintStream out;
    private final boolean symbols;
    private Hints hints;
    private String alias;
    private String lastCause;

    ConsoleReport(PrintStream out, boolean symbols) {
        this.out = out;
        this.symbols = symbols;
    }

    /** Where hint streaks are kept for the exercise that comes next (null: never show hints). */
    void hints(Hints hints) {
        this.hints = hints;
    }

    void header(String exercise, String file, long seed) {
        out.println("Checking " + file + " (" + exercise + "; seed " + seed + ", replay with --seed " + seed + ")");
        alias = exercise;
        lastCause = null;
    }

    void result(CheckResult r) {
        String mark = switch (r.status()) {
            case PASS -> symbols ? "✓" : "PASS";
            case FAIL -> symbols ? "✗" : "FAIL";
            case ERROR -> symbols ? "!" : "ERROR";
            case NOT_RUN -> symbols ? "-" : "NOT RUN";
        };
        if (r.passed()) {
            out.println("  " + mark + " " + r.name() + (r.message() != null && r.message().startsWith("region ")
                    ? " (" + r.message() + ")" : ""));
            return;
        }
        // one cause that fails check after check (the stub, a timeout, a crash) is told once
        String cause = oneLine(r.message());
        boolean same = cause.equals(lastCause);
        lastCause = cause;
        out.println("  " + mark + " " + r.name() + ": " + (same ? "(the same as above)" : cause));
        boolean failed = r.status() == CheckResult.Status.FAIL;
        if (failed && !same && r.task() > 0 && alias != null) {
            out.println("      see task " + r.task() + ": docs/" + alias + ".md#" + r.task());
        }
        boolean showHint = hints != null && hints.failed(r.name(), failed) && !same;
        if (r.hint() != null && showHint) {
            out.println("      hint: " + r.hint());
        }
    }

    void footer(Report report, String resultsDir) {
        if (hints != null) {
            hints.save();
        }
        if (report.problem() != null) {
            // one mark for the problem; its further lines (more errors, javac's symbol and location) under it
            String mark = "  " + (symbols ? "✗ " : "FAIL ");
            for (String line : report.problem().split("\n")) {
                out.println(mark + line);
                mark = " ".repeat(mark.length());
            }
        }
        if (report.stage2() != null) {
            out.println(report.stage2());
        }
        String summary = report.problem() != null ? report.exercise() + ": not checked (fix the file first)"
                : report.exercise() + ": " + report.score() + " of " + report.maxScore() + " checks passed"
                        + (report.passed() ? " — well done." : ".");
        out.println(summary + (resultsDir != null ? " Results: " + resultsDir : ""));
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace("\n", " / ");
    }
}
