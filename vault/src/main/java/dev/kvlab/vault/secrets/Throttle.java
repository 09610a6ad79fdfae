package dev.kvlab.vault.secrets;

import java.time.Instant;

/**
 * Key Vault's service limits for one vault: at most {@code creates} secret creates and {@code others} other
 * operations per 10-second window, windows aligned on the vault's clock. Thread-safe.
 */
public final class Throttle {
    public static final long WINDOW_SECONDS = 10;
    public static final int DEFAULT_CREATES = 300;
    public static final int DEFAULT_OTHERS = 4000;

    private final int creates;
    private final int others;
    private long window = Long.MIN_VALUE;
    private int createCount;
    private int otherCount;

    public Throttle(int creates, int others) {
        if (creates < 1 || others < 1) {
            throw new IllegalArgumentException("throttle limits must be at least 1");
        }
        this.creates = creates;
        this.others = others;
    }

    /** Counts one request; returns 0 when it may proceed, else the seconds until the window ends (Retry-After). */
    public synchronized long admit(boolean create, Instant now) {
        long second = now.getEpochSecond();
        long current = Math.floorDiv(second, WINDOW_SECONDS);
        if (current != window) {
            window = current;
            createCount = 0;
            otherCount = 0;
        }
        if (create ? createCount >= creates : otherCount >= others) {
            return Math.max(1, (current + 1) * WINDOW_SECONDS - second);
        }
        if (create) {
            createCount++;
        } else {
            otherCount++;
        }
        return 0;
    }

    public synchronized void reset() {
        window = Long.MIN_VALUE;
    }
}
