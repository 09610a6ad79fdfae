package dev.kvlab.checks;

import dev.kvlab.checks.support.LearnerThrew;
import dev.kvlab.checks.support.Redaction;

/**
 * Turns what a check threw into the one line a learner reads: a check's verdict as it is; the stub's
 * "fill in region" as not implemented yet; an exception from the learner's code with its line and region;
 * anything else as an error of the check itself.
 */
final class Feedback {
    private Feedback() {}

    record Verdict(CheckResult.Status status, String message) {}

    static Verdict of(Throwable thrown, Submission submission, String region) {
        if (thrown instanceof AssertionError) {
            return new Verdict(CheckResult.Status.FAIL, clean(thrown.getMessage()));
        }
        boolean unsupported = thrown instanceof UnsupportedOperationException
                || thrown instanceof LearnerThrew t && t.isA(UnsupportedOperationException.class);
        if (unsupported && thrown.getMessage() != null && thrown.getMessage().contains("fill in region")) {
            return new Verdict(CheckResult.Status.FAIL, "not implemented yet: " + firstLine(thrown.getMessage()));
        }
        StackTraceElement learner = learnerFrame(thrown);
        if (learner != null) {
            int line = learner.getLineNumber();
            Region at = line > 0 ? submission.regionAt(line) : null;
            String where = submission.displayPath() + (line > 0 ? ":" + line : "")
                    + " (region " + (at != null ? at.name() : region) + ")";
            String type = thrown instanceof LearnerThrew t ? t.simpleName() : thrown.getClass().getSimpleName();
            return new Verdict(CheckResult.Status.FAIL, where + " threw " + type
                    + (thrown.getMessage() != null ? ": " + clean(thrown.getMessage()) : ""));
        }
        if (thrown instanceof LearnerThrew t) {
            return new Verdict(CheckResult.Status.FAIL, "region " + region + " threw " + t.simpleName()
                    + (t.getMessage() != null ? ": " + clean(t.getMessage()) : ""));
        }
        return new Verdict(CheckResult.Status.ERROR, "the check could not run: " + thrown.getClass().getSimpleName()
                + (thrown.getMessage() != null ? ": " + clean(thrown.getMessage()) : "")
                + " (run with --verbose for details)");
    }

    /** The innermost-called frame of the learner's class, following causes (the SDK wraps exceptions). */
    static StackTraceElement learnerFrame(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith(FrameClassLoader.EXERCISES)) {
                    return e;
                }
            }
        }
        return null;
    }

    static String clean(String message) {
        if (message == null) {
            return "";
        }
        String one = firstLine(Redaction.apply(message));
        return one.length() > 300 ? one.substring(0, 297) + "..." : one;
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }
}
