package dev.kvlab.checks.support;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A monotonic nanosecond clock that only moves when a check advances it: what the learner's cache gets instead of
 * {@code System::nanoTime}, so "30 seconds later" takes no time at all. It starts at an arbitrary value, as
 * {@code System.nanoTime()} does.
 */
public final class TestClock implements LongSupplier {
    private long now;
    private int reads;

    public TestClock(long start) {
        this.now = start;
    }

    @Override
    public synchronized long getAsLong() {
        reads++;
        return now;
    }

    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a monotonic clock never goes back");
        }
        now += by.toNanos();
    }

    /** How often the learner's code asked for the time: zero means it used another clock. */
    public synchronized int reads() {
        return reads;
    }
}
