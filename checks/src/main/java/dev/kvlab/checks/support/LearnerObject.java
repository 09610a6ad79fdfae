package dev.kvlab.checks.support;

/** An object of the learner's, living in the learner's process; its methods are called like {@link Learner#call}. */
public final class LearnerObject {
    private final Learner learner;
    private final Class<?> type;
    private final int id;

    LearnerObject(Learner learner, Class<?> type, int id) {
        this.learner = learner;
        this.type = type;
        this.id = id;
    }

    /** Calls the public method {@code method} on this object; its result as the frame types it. */
    @SuppressWarnings("unchecked")
    public <T> T call(String method, Object... args) {
        return (T) learner.invoke(type, this, method, args);
    }

    int id() {
        return id;
    }
}
