package dev.kvlab.vault.server;

import java.time.Duration;

/**
 * How long a client may take, per connection: the TLS handshake plus a request's line and headers ({@code head}),
 * its body and the answer going out ({@code body}), and the wait for the next request on a kept-alive connection
 * ({@code idle}). Past a deadline the connection is closed, so slow or stalled clients cannot pile up.
 */
public record Timeouts(Duration head, Duration body, Duration idle) {
    /** Generous for any real client on loopback (a 24 MiB restore body takes well under a second). */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(30));

    public Timeouts {
        for (Duration d : new Duration[] {head, body, idle}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
    }

    /** The shortest of the three: how often the deadlines are checked depends on it. */
    Duration shortest() {
        Duration min = head.compareTo(body) < 0 ? head : body;
        return min.compareTo(idle) < 0 ? min : idle;
    }
}
