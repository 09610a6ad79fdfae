package dev.kvlab.vault.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes connections whose deadline has passed. One thread looks a few times per shortest timeout; closing the
 * socket frees whichever thread was blocked on it, which plain socket timeouts could not do for writes or for a
 * client that trickles a byte at a time.
 */
final class Deadlines implements AutoCloseable {
    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private final Thread watchdog;
    private volatile boolean closed;

    Deadlines(Duration shortestTimeout, String name) {
        long periodMillis = Math.max(10, Math.min(500, shortestTimeout.toMillis() / 4));
        watchdog = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(periodMillis); // a watchdog's period, not a test waiting for time to pass
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (HttpConnection connection : open) {
                    long deadline = connection.deadline();
                    if (deadline != Long.MAX_VALUE && now - deadline > 0) {
                        connection.abort();
                    }
                }
            }
        }, name);
        watchdog.setDaemon(true);
        watchdog.start();
    }

    void add(HttpConnection connection) {
        open.add(connection);
    }

    void remove(HttpConnection connection) {
        open.remove(connection);
    }

    int size() {
        return open.size();
    }

    /** Stops watching and closes every connection still open. */
    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
        open.forEach(HttpConnection::abort);
    }
}
