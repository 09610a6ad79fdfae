package dev.kvlab.checks;

/** A submission that cannot be graded as it is (markers broken, edits outside the regions); the message says why. */
public final class SubmissionRejected extends Exception {
    public SubmissionRejected(String message) {
        super(message);
    }
}
