package dev.kvlab.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every request the vault answered, newest last. Thread-safe. Keeps the most recent {@value #CAPACITY} events in
 * memory (a long-running standalone vault must not grow without bound); listeners see every event as it happens,
 * which is how the standalone server exports the log as JSON lines.
 */
public final class AuditLog {
    public static final int CAPACITY = 100_000;

    private final ArrayDeque<AuditEvent> events = new ArrayDeque<>();
    private final int capacity;

    /** A log keeping the last {@value #CAPACITY} events in memory. */
    public AuditLog() {
        this(CAPACITY);
    }

    /** A log keeping the last {@code capacity} events in memory (listeners still see every event). */
    public AuditLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the audit log keeps at least one event");
        }
        this.capacity = capacity;
    }
    private final List<Consumer<AuditEvent>> listeners = new CopyOnWriteArrayList<>();

    /** A snapshot of the recorded events, oldest first. */
    public List<AuditEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    public void clear() {
        synchronized (events) {
            events.clear();
        }
    }

    /** Calls {@code listener} with every future event, on the request's thread. */
    public void addListener(Consumer<AuditEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<AuditEvent> listener) {
        listeners.remove(listener);
    }

    /** The recorded events as Azure Monitor's {@code AzureDiagnostics} AuditEvent records, oldest first. */
    public List<AzureDiagnosticsRecord> toAzureDiagnostics() {
        return events().stream().map(AzureDiagnosticsRecord::of).toList();
    }

    /** The same records as JSON lines (one per event, each ending in a newline), as a Log Analytics export gives them. */
    public String toAzureDiagnosticsJsonLines() {
        StringBuilder lines = new StringBuilder();
        toAzureDiagnostics().forEach(r -> lines.append(r.toJsonLine()).append('\n'));
        return lines.toString();
    }

    /** A listener that writes each event as one {@code AzureDiagnostics} JSON line to {@code out} and flushes it. */
    public static Consumer<AuditEvent> azureDiagnosticsLines(Writer out) {
        return lines(out, event -> AzureDiagnosticsRecord.of(event).toJsonLine());
    }

    /** A listener that writes each event as one JSON line to {@code out} and flushes it. */
    public static Consumer<AuditEvent> jsonLines(Writer out) {
        return lines(out, AuditEvent::toJsonLine);
    }

    private static Consumer<AuditEvent> lines(Writer out, java.util.function.Function<AuditEvent, String> format) {
        return event -> {
            synchronized (out) {
                try {
                    out.write(format.apply(event));
                    out.write('\n');
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    void record(AuditEvent event) {
        synchronized (events) {
            if (events.size() >= capacity) {
                events.removeFirst();
            }
            events.addLast(event);
        }
        for (Consumer<AuditEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // a broken export (e.g. a closed file) must not fail the request it describes
            }
        }
    }
}
