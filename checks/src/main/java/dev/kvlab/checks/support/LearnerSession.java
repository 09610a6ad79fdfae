package dev.kvlab.checks.support;

import dev.kvlab.checks.learner.LearnerProcess;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The learner's process for one check run, as the checks see it: started while the judge compiles, given the
 * learner's classes, reset before each check (fresh classes and statics), replaced when a check killed it, and
 * ended with the run. It keeps each check's time budget: only the time spent inside the learner's calls counts.
 */
public final class LearnerSession implements AutoCloseable {
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(20);

    private final Map<String, byte[]> classes;
    private final Duration budget;
    private final int cpuSeconds;
    private CompletableFuture<LearnerProcess> starting;
    private LearnerProcess process;
    private long spent;
    private boolean sandboxed;

    /** {@code starting}: a process already on its way (null: start one when first needed). */
    public LearnerSession(Map<String, byte[]> classes, Duration budget, int cpuSeconds,
            CompletableFuture<LearnerProcess> starting) {
        this.classes = Map.copyOf(classes);
        this.budget = budget;
        this.cpuSeconds = cpuSeconds;
        this.starting = starting;
    }

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

    /** Starts a learner process in the background, so it gets ready while the judge compiles. */
    public static CompletableFuture<LearnerProcess> startEarly(int cpuSeconds) {
        return CompletableFuture.supplyAsync(() -> LearnerProcess.start(cpuSeconds), STARTER);
    }

    /** Before a check: a live process with the learner's classes, freshly reset, and a full time budget. */
    void beginCheck() {
        spent = 0;
        if (process != null && process.alive()) {
            try {
                process.reset(HOUSEKEEPING);
                return;
            } catch (LearnerProcess.Ended e) {
                process.close();
            }
        }
        process = (starting != null ? starting : startEarly(cpuSeconds)).join();
        starting = null;
        sandboxed = process.sandboxed();
        process.load(classes, HOUSEKEEPING);
    }

    /** After a check: what the learner's code printed during it. */
    String endCheck() {
        return process == null ? "" : process.output(Duration.ofSeconds(2));
    }

    LearnerProcess process() {
        return process;
    }

    /** System.nanoTime by which the current call must be back: what is left of the check's budget. */
    long deadline() {
        return System.nanoTime() + Math.max(0, budget.toNanos() - spent);
    }

    void spend(long nanos) {
        spent += nanos;
    }

    Duration budget() {
        return budget;
    }

    /** Whether the learner's process ran in the sandbox (known after the first check). */
    public boolean sandboxed() {
        return sandboxed;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        if (starting != null) {
            starting.thenAccept(LearnerProcess::close);
        }
    }
}
