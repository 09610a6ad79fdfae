package dev.kvlab.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local vault's notion of now: token expiry, created/updated dates, soft-delete retention and the throttling
 * window all read it, so tests and lessons can move time forward instead of waiting.
 */
public final class VaultClock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private VaultClock(Clock base) {
        this.base = base;
    }

    /** The system clock; {@link #advance} still moves it forward. */
    public static VaultClock system() {
        return new VaultClock(Clock.systemUTC());
    }

    /** A clock standing still at {@code start} until advanced. */
    public static VaultClock fixed(Instant start) {
        return new VaultClock(Clock.fixed(start, java.time.ZoneOffset.UTC));
    }

    public Instant now() {
        return base.instant().plus(offset.get());
    }

    /** Moves this clock forward (or back, for a negative duration). */
    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }
}
