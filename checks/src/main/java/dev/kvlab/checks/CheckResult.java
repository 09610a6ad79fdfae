package dev.kvlab.checks;

/**
 * The outcome of one check: its name, the exercise task it belongs to, pass/fail/error/not run, a one-line
 * message naming the region, the hint to show after a failure, and what the learner's code printed (capped).
 */
public record CheckResult(String name, int task, Status status, String message, String hint, String output) {
    public enum Status {
        PASS, FAIL, ERROR, NOT_RUN;

        /** Exercism's word for this status ({@code not run} counts as error: the check could not run). */
        public String exercism() {
            return this == PASS ? "pass" : this == FAIL ? "fail" : "error";
        }
    }

    public boolean passed() {
        return status == Status.PASS;
    }

    CheckResult with(Status status, String message) {
        return new CheckResult(name, task, status, message, hint, output);
    }
}
