package dev.kvlab.checks.support;

import dev.kvlab.checks.learner.LearnerPool;
import dev.kvlab.checks.learner.LearnerProcess;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The learner's process for one check run, as the checks see it: started while the judge compiles, given the
 * learner's classes, reset before each check (fresh classes and statics), replaced when a check killed it, and
 * handed back to its {@link LearnerPool} with the run. It keeps each check's time budget: only the time spent inside
 * the learner's calls counts.
 */
public final class LearnerSession implements AutoCloseable {
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(20);

    private final Map<String, byte[]> classes;
    private final Duration budget;
    private final int cpuSeconds;
    private final LearnerPool pool;
    private CompletableFuture<LearnerProcess> starting;
    private LearnerProcess process;
    private long spent;
    private boolean sandboxed;
    private final Set<String> endless = new HashSet<>();

    /** {@code starting}: a process already on its way from {@code pool} (null: take one when first needed). */
    public LearnerSession(Map<String, byte[]> classes, Duration budget, int cpuSeconds, LearnerPool pool,
            CompletableFuture<LearnerProcess> starting) {
        this.classes = Map.copyOf(classes);
        this.budget = budget;
        this.cpuSeconds = cpuSeconds;
        this.pool = pool;
        this.starting = starting;
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
        process = (starting != null ? starting : pool.take(cpuSeconds)).join();
        starting = null;
        try {
            process.load(classes, HOUSEKEEPING);
        } catch (LearnerProcess.Ended e) {
            // a process kept from an earlier run may be past use: one new process, and its failure is the answer
            process.close();
            process = LearnerPool.start(cpuSeconds).join();
            process.load(classes, HOUSEKEEPING);
        }
        sandboxed = process.sandboxed();
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

    /** Whether a call of {@code method} ("class#name") spun through a whole budget earlier in this run. */
    boolean endless(String method) {
        return endless.contains(method);
    }

    void markEndless(String method) {
        endless.add(method);
    }

    /** Whether the learner's process ran in the sandbox (known after the first check). */
    public boolean sandboxed() {
        return sandboxed;
    }

    @Override
    public void close() {
        pool.giveBack(process);
        if (starting != null) {
            starting.thenAccept(pool::giveBack);
        }
    }
}
