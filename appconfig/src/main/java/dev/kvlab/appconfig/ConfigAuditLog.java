package dev.kvlab.appconfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every request the store answered, newest last; thread-safe, the last {@value #CAPACITY} kept in memory. */
public final class ConfigAuditLog {
    public static final int CAPACITY = 100_000;
    private final ArrayDeque<ConfigEvent> events = new ArrayDeque<>();
    private final List<Consumer<ConfigEvent>> listeners = new CopyOnWriteArrayList<>();

    /** A snapshot, oldest first. */
    public List<ConfigEvent> events() {
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
    public void addListener(Consumer<ConfigEvent> listener) {
        listeners.add(listener);
    }

    void record(ConfigEvent event) {
        synchronized (events) {
            if (events.size() == CAPACITY) {
                events.removeFirst();
            }
            events.addLast(event);
        }
        for (Consumer<ConfigEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // a broken listener must not fail the request it describes
            }
        }
    }
}
