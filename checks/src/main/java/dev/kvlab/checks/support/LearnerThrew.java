package dev.kvlab.checks.support;

import java.util.List;

/**
 * What the learner's code threw in its own process, brought back as data: the exception's class and superclasses,
 * its message, the HTTP status of an Azure {@code HttpResponseException}, and its stack frames (so feedback can name
 * the learner's line). Checks ask {@link #isA} instead of catching the SDK's exception types.
 */
public final class LearnerThrew extends RuntimeException {
    private final List<String> types;
    private final Integer status;

    public LearnerThrew(List<String> types, String message, Integer status, StackTraceElement[] frames) {
        super(message, null, false, true);
        this.types = List.copyOf(types);
        this.status = status;
        setStackTrace(frames);
    }

    /** Whether the learner's exception was a {@code type} (or a subclass of it). */
    public boolean isA(Class<?> type) {
        return types.contains(type.getName());
    }

    /** The HTTP status of an {@code HttpResponseException}, or null. */
    public Integer status() {
        return status;
    }

    /** The simple name of the exception's class, as the learner would see it. */
    public String simpleName() {
        String name = types.get(0);
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
    }

    public String typeName() {
        return types.get(0);
    }

    @Override
    public String toString() {
        return typeName() + (getMessage() != null ? ": " + getMessage() : "");
    }
}
