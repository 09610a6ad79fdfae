package dev.kvlab.checks.support;

/** A check's verdict that the learner's code is wrong; the message teaches and names the region. */
public final class CheckFailed extends AssertionError {
    public CheckFailed(String message) {
        super(message);
    }
}
