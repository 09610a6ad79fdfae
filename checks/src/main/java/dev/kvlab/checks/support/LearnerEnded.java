package dev.kvlab.checks.support;

/** The learner's process did not finish a call: it exited, crashed, ran out of memory or broke the protocol. */
public final class LearnerEnded extends RuntimeException {
    public LearnerEnded(String message) {
        super(message, null, false, false);
    }
}
