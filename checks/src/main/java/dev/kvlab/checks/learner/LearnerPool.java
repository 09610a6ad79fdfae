package dev.kvlab.checks.learner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where check runs get their learner process and where it goes after. A run that is done hands a live process back;
 * the next run of the same submission loads its own classes into it (a fresh class loader, as before every check)
 * instead of paying for a JVM start. One pool holds one learner's code only: the grader keeps one per submission and
 * closes it when that submission is graded, so no process ever runs two learners' code.
 * {@link #fresh()} keeps nothing: every run starts a process and ends it (a self-paced check, the console).
 */
public final class LearnerPool implements AutoCloseable {
    /**
     * Every learner process is started from this one thread, which lives as long as the JVM: the sandbox dies with
     * the thread that started it (bubblewrap's --die-with-parent is a parent-death signal, and Linux sends it when
     * the starting thread ends, not the JVM), so a short-lived starter thread would kill the sandbox at random.
     */
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "kvlab-learner-starter");
        t.setDaemon(true);
        return t;
    });

    private final boolean keeps;
    private final List<LearnerProcess> idle = new ArrayList<>();
    private boolean closed;

    private LearnerPool(boolean keeps) {
        this.keeps = keeps;
    }

    /** A pool that keeps nothing. */
    public static LearnerPool fresh() {
        return new LearnerPool(false);
    }

    /** A pool for one submission's runs: a process handed back alive serves the next run. */
    public static LearnerPool forOneSubmission() {
        return new LearnerPool(true);
    }

    /**
     * A pool that keeps nothing but holds one process started and warmed up now, for the next run to take (the
     * standby judge's: a check then does not wait for a JVM's start). Never ran anyone's code.
     */
    public static LearnerPool withSpare(int cpuSeconds) {
        LearnerPool pool = new LearnerPool(false);
        LearnerProcess spare = start(cpuSeconds).join();
        if (spare.awaitReady(Duration.ofSeconds(60))) {
            pool.idle.add(spare);
        } else {
            spare.close();
        }
        return pool;
    }

    /** Starts a learner process in the background, so it gets ready while the judge compiles. */
    public static CompletableFuture<LearnerProcess> start(int cpuSeconds) {
        return CompletableFuture.supplyAsync(() -> LearnerProcess.start(cpuSeconds), STARTER);
    }

    /** An idle process of this pool, or a new one on its way. */
    public synchronized CompletableFuture<LearnerProcess> take(int cpuSeconds) {
        while (!idle.isEmpty()) {
            LearnerProcess p = idle.remove(idle.size() - 1);
            if (p.alive()) {
                return CompletableFuture.completedFuture(p);
            }
            p.close();
        }
        return start(cpuSeconds);
    }

    /** A run is done with {@code process}: kept for the next run when alive and this pool keeps, else ended. */
    public void giveBack(LearnerProcess process) {
        if (process == null) {
            return;
        }
        if (keeps && process.alive()) {
            if (process.used()) {
                process.output(Duration.ofSeconds(2)); // what it printed belongs to the run that is over
            }
            synchronized (this) {
                // a process that would not answer was killed meanwhile; one where the learner's code left threads
                // running would carry them (spinning, or waiting to act) into the next exercise: both end here
                if (!closed && process.alive() && !process.leftThreads()) {
                    idle.add(process);
                    return;
                }
            }
        }
        process.close();
    }

    /** Ends every idle process; a process handed back later is ended too. */
    @Override
    public void close() {
        List<LearnerProcess> ending;
        synchronized (this) {
            closed = true;
            ending = new ArrayList<>(idle);
            idle.clear();
        }
        ending.forEach(LearnerProcess::close);
    }
}
