///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 14: refresh an app's settings when its sentinel key changes, polling only the sentinel (instructions: docs/refresh.md)

package dev.kvlab.exercises;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.SettingSelector;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Exercise 14: the sentinel-key pattern. An app keeps its settings in memory and, at most once per refresh interval,
 * asks the store whether one key, the sentinel, changed (a conditional GET: 304 when it did not). Whoever changes
 * the settings changes the sentinel last, so when it changed, everything is reloaded and swapped in at once.
 */
public class SentinelRefresh {

    /** The course's sample app keeps its settings under this key prefix. */
    public static final String PREFIX = "OpenAI:";
    /** The key changed last, after the settings: the only key polled. */
    public static final String SENTINEL = "sentinel";
    /** How long the app serves what it has before it asks the store again. */
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);

    /**
     * One consistent set of settings: the sentinel's value it was loaded with, and every setting of the app
     * (whole key to value, sorted by key).
     */
    public record Snapshot(String sentinel, Map<String, String> settings) {
    }

    /**
     * An app's settings (keys starting with {@code prefix}, with {@code label}; null label = no label) refreshed
     * with the sentinel {@code sentinelKey} (same label), measured on the monotonic clock {@code nanoTime}
     * (nanoseconds, like {@link System#nanoTime()}; tests hand in a clock they move themselves).
     */
    public static class RefreshingSettings {
        private final ConfigurationClient client;
        private final String prefix;
        private final String label;
        private final String sentinelKey;
        private final Duration interval;
        private final LongSupplier nanoTime;
        /** What is served: null until the first read, then replaced whole, never changed in place. */
        private Snapshot current;
        /** The sentinel as last read, with its ETag: what the conditional GET sends back. */
        private ConfigurationSetting sentinel;
        /** The {@code nanoTime} of the last load or poll. */
        private long lastPoll;

        public RefreshingSettings(ConfigurationClient client, String prefix, String label, String sentinelKey,
                Duration interval, LongSupplier nanoTime) {
            this.client = client;
            this.prefix = prefix;
            this.label = label;
            this.sentinelKey = sentinelKey;
            this.interval = interval;
            this.nanoTime = nanoTime;
        }

        /** The value of setting {@code key} (a whole key, e.g. {@code OpenAI:DeploymentName}), or null. */
        public String get(String key) {
            refreshIfDue();
            return current.settings().get(key);
        }

        /** Every setting, as one consistent set. */
        public Snapshot snapshot() {
            refreshIfDue();
            return current;
        }

        /**
         * Task 1 and 2 (docs/refresh.md): on the first read, read the sentinel, then load everything
         * ({@link #loadAll}). Later, when {@code interval} or more has passed since the last load or poll, poll the
         * sentinel once with a conditional GET (304: nothing changed); when it changed, load everything again and
         * serve the new set. Before the interval has passed, ask the store nothing.
         */
        private void refreshIfDue() {
            // BEGIN REFRESH_IF_DUE
            throw new UnsupportedOperationException("SentinelRefresh: fill in region REFRESH_IF_DUE in exercises/SentinelRefresh.java (see docs/refresh.md), then run ./jbang check refresh");
            // END REFRESH_IF_DUE
        }

        /**
         * Task 3: every setting whose key starts with {@code prefix} and whose label is {@code label}, read in one
         * listing, as a new snapshot with {@code sentinel}'s value. The snapshot being served is not touched.
         */
        private Snapshot loadAll(ConfigurationSetting sentinel) {
            // BEGIN LOAD_ALL
            throw new UnsupportedOperationException("SentinelRefresh: fill in region LOAD_ALL in exercises/SentinelRefresh.java (see docs/refresh.md), then run ./jbang check refresh");
            // END LOAD_ALL
        }
    }

    /** A setting as the table prints it. */
    public record Row(String key, String value) {
    }

    /** What a fresh app serves after its first read: the sentinel's value it loaded with, and its settings. */
    public record FirstRead(String sentinel, List<Row> settings) {
    }

    /**
     * Reads the settings {@code prefix}* (label {@code label}) once, as a fresh app does, and changes nothing: what
     * main prints first, and what the console's button shows.
     */
    public static FirstRead firstRead(ConfigurationClient client, String prefix, String label) {
        Snapshot snapshot = new RefreshingSettings(client, prefix, label, SENTINEL, REFRESH_INTERVAL, System::nanoTime)
                .snapshot();
        return new FirstRead(snapshot.sentinel(), rows(snapshot));
    }

    static List<Row> rows(Snapshot snapshot) {
        List<Row> rows = new ArrayList<>();
        snapshot.settings().forEach((key, value) -> rows.add(new Row(key, value)));
        return rows;
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            AtomicInteger requests = new AtomicInteger();
            ConfigurationClient client = Lab.configurationClient((context, next) -> {
                requests.incrementAndGet();
                return next.process();
            });
            String label = args.length > 0 && !args[0].startsWith("--") ? args[0] : null;
            RefreshingSettings settings = new RefreshingSettings(client, PREFIX, label, SENTINEL, REFRESH_INTERVAL,
                    System::nanoTime);
            Snapshot snapshot = settings.snapshot();
            System.out.println("Settings " + PREFIX + "* (label " + (label == null ? "none" : label) + "), sentinel "
                    + SENTINEL + ", refreshed at most every " + REFRESH_INTERVAL.toSeconds() + " s, from "
                    + Lab.storeConnection().endpoint());
            Table.of(Row.class, rows(snapshot)).print();
            System.out.println("sentinel " + snapshot.sentinel() + "; first load: " + requests.get() + " request(s)");
            for (int i = 0; i < 100; i++) {
                settings.get(PREFIX + "DeploymentName");
            }
            System.out.println("100 more reads within the interval: " + requests.get() + " request(s) in all");
        });
    }
}
