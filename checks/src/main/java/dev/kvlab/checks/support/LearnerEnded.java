package dev.kvlab.checks.support;

/**
 * The verdict when the learner's process did not finish a call: it exited, crashed, ran out of memory or broke the
 * protocol. An assertion, like every verdict, so no check's own {@code catch (RuntimeException e)} can swallow it.
 */
public final class LearnerEnded extends AssertionError {
    public LearnerEnded(String message) {
        super(message);
    }
}
