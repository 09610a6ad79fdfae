package dev.kvlab.checks.support;

/** The learner's code did not finish within the check's time limit and was stopped. */
public final class CheckTimedOut extends AssertionError {
    public CheckTimedOut(String message) {
        super(message);
    }
}
