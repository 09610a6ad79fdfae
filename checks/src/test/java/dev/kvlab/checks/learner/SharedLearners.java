package dev.kvlab.checks.learner;

import java.nio.file.Path;

/**
 * For a test class that runs many check runs of our own fixtures: learner processes that serve one run after another
 * and start on a kept class-data archive (in {@code target/}, not the home folder), as the grader's do. Nothing else
 * about a run changes, so the verdicts are the ones a fresh process gives; test classes that prove the fresh path
 * (stubs, solutions, hostile submissions) do not use this.
 */
public final class SharedLearners implements AutoCloseable {
    private final LearnerPool pool = LearnerPool.forOneSubmission();

    public SharedLearners() {
        ClassData.useKept(Path.of("target", "class-data").toAbsolutePath());
    }

    public LearnerPool pool() {
        return pool;
    }

    /** Ends the processes and gives the JVM back the class path and archive it had. */
    @Override
    public void close() {
        pool.close();
        ClassData.forgetKept();
    }
}
