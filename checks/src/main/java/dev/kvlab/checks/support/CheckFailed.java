package dev.kvlab.checks.support;

import java.util.function.Supplier;

/** A check's verdict that the learner's code is wrong; the message teaches and names the region. */
public final class CheckFailed extends AssertionError {
    public CheckFailed(String message) {
        super(message);
    }

    /** Fails with {@code message} unless {@code ok}. */
    public static void unless(boolean ok, Supplier<String> message) {
        if (!ok) {
            throw new CheckFailed(message.get());
        }
    }
}
