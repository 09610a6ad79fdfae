package dev.kvlab.checks;

import java.io.PrintStream;

/** Prints a report for people: a line per check (✓/✗ or PASS/FAIL), a hint under each failure, a summary line. */
final class ConsoleReport {
    private final PrintStream out;
    private final boolean symbols;

    ConsoleReport(PrintStream out, boolean symbols) {
        this.out = out;
        this.symbols = symbols;
    }

    void header(String exercise, String file, long seed) {
        out.println("Checking " + file + " (" + exercise + "; seed " + seed + ", replay with --seed " + seed + ")");
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
        out.println("  " + mark + " " + r.name() + ": " + oneLine(r.message()));
        if (r.hint() != null && r.status() == CheckResult.Status.FAIL) {
            out.println("      hint: " + r.hint());
        }
    }

    void footer(Report report, String resultsDir) {
        if (report.problem() != null) {
            for (String line : report.problem().split("\n")) {
                out.println("  " + (symbols ? "✗ " : "FAIL ") + line);
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
