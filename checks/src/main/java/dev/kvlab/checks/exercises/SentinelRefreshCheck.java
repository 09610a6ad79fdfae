package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.support.CheckFailed.unless;

import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckFailed;
import dev.kvlab.checks.support.CheckStore;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.LearnerObject;
import dev.kvlab.checks.support.RequestLog.Request;
import dev.kvlab.checks.support.TestClock;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.SentinelRefresh.RefreshingSettings;
import dev.kvlab.exercises.SentinelRefresh.Snapshot;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 14 (refresh): the sentinel-key pattern on the judge's clock. Each check keeps a model of what a correct
 * app serves and asks the store for at each read (the judge only changes the store between the learner's reads, so
 * the model is exact), and holds every read to it: the values, and the requests the store saw since the last read.
 * The app's settings carry a random label; decoys sit beside them (the same keys with no label, a look-alike
 * prefix, an unlabelled sentinel that the judge changes too).
 */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentinelRefreshCheck {
    static final String POLL = "REFRESH_IF_DUE";
    static final String LOAD = "LOAD_ALL";
    private static final List<String> NAMES = List.of("Endpoint", "DeploymentName", "MaxTokens", "Temperature",
            "Region", "Timeout", "ApiVersion", "Model");

    /** The app as the store holds it now, and what a correct app serves and when it last asked. */
    private static final class App {
        final CheckStore store;
        final TestClock clock;
        final Random random;
        final String prefix;
        final String label;
        final String sentinelKey;
        final Duration interval;
        final Map<String, String> stored = new TreeMap<>();
        String sentinel = "1";
        int next;
        // the model of a correct app
        Snapshot served;
        String servedSentinel;
        /** Whether the model has reloaded after a change of the sentinel (the app must then poll with its new ETag). */
        boolean reloaded;
        long lastPoll;
        long now;
        LearnerObject learner;

        App(CheckStore store, TestClock clock, Random random) {
            this.store = store;
            this.clock = clock;
            this.random = random;
            String app = TestData.name(random, "app");
            this.prefix = store.key(app) + ":";
            this.label = List.of("production", "staging", "test", "canary").get(random.nextInt(4)) + "-"
                    + (1 + random.nextInt(9));
            this.sentinelKey = store.key(app) + "-sentinel";
            this.interval = Duration.ofMillis(5_000 + random.nextInt(55_000));
            for (int i = 0; i < 3 + random.nextInt(3); i++) {
                add();
            }
            store.put(sentinelKey, label, sentinel);
            // decoys: the same keys with no label, a look-alike prefix, a sentinel with no label
            for (String key : stored.keySet()) {
                store.put(key, null, "unlabelled-" + TestData.value(random, 6));
            }
            store.put(store.key(app) + "x:" + NAMES.get(0), label, "not-the-app-" + TestData.value(random, 6));
            store.put(sentinelKey, null, "decoy-1");
        }

        /** Adds a setting to the store (not the sentinel). */
        void add() {
            String key = prefix + NAMES.get(random.nextInt(NAMES.size())) + "-" + (next++);
            set(key);
        }

        void set(String key) {
            String value = "v" + next++ + "-" + TestData.value(random, 8);
            store.put(key, label, value);
            stored.put(key, value);
        }

        /** Changes one setting, adds one and deletes one (if more than one is left): the sentinel stays. */
        void changeSettings() {
            List<String> keys = new ArrayList<>(stored.keySet());
            set(keys.get(random.nextInt(keys.size())));
            add();
            if (keys.size() > 1) {
                String gone = keys.get(random.nextInt(keys.size()));
                if (stored.containsKey(gone) && stored.size() > 2) {
                    store.admin().deleteConfigurationSetting(gone, label);
                    stored.remove(gone);
                }
            }
            // the unlabelled sentinel changes too: an app polling the wrong label sees a change here
            store.put(sentinelKey, null, "decoy-" + next++);
        }

        /** Changes the sentinel, last, as whoever changes settings does. */
        void changeSentinel() {
            sentinel = String.valueOf(Integer.parseInt(sentinel) + 1);
            store.put(sentinelKey, label, sentinel);
        }

        void advance(Duration by) {
            clock.advance(by);
            now += by.toNanos();
        }

        String seconds(long nanos) {
            return String.format(java.util.Locale.ROOT, "%.3f s", nanos / 1e9);
        }
    }

    private static App app(CheckStore store, TestClock clock, Random random, Learner learner) {
        App app = new App(store, clock, random);
        app.learner = learner.create(RefreshingSettings.class, store.client(), app.prefix, app.label, app.sentinelKey,
                app.interval, clock);
        store.requests().clear();
        return app;
    }

    // ---- one read by the learner, held to the model ----

    /** What a correct app asks the store for at this read: nothing, a poll (304), or a poll and a reload. */
    private enum Expect { NOTHING, FIRST_LOAD, POLL_UNCHANGED, POLL_AND_RELOAD }

    private static Expect model(App app) {
        if (app.served == null) {
            app.lastPoll = app.now;
            load(app);
            return Expect.FIRST_LOAD;
        }
        if (app.now - app.lastPoll < app.interval.toNanos()) {
            return Expect.NOTHING;
        }
        app.lastPoll = app.now;
        if (app.sentinel.equals(app.servedSentinel)) {
            return Expect.POLL_UNCHANGED;
        }
        load(app);
        app.reloaded = true;
        return Expect.POLL_AND_RELOAD;
    }

    private static void load(App app) {
        app.served = new Snapshot(app.sentinel, new TreeMap<>(app.stored));
        app.servedSentinel = app.sentinel;
    }

    /** One {@code snapshot()} (or {@code get(key)} when {@code viaGet}) held to the model. */
    private static void read(App app, boolean viaGet) {
        long sincePoll = app.now - app.lastPoll;
        boolean first = app.served == null;
        Snapshot before = app.served;
        Expect expect = model(app);
        String when = first ? "at the first read" : "at a read " + app.seconds(sincePoll) + " after the last poll "
                + "(refresh interval " + app.seconds(app.interval.toNanos()) + ")";
        if (viaGet) {
            List<String> keys = new ArrayList<>(app.served.settings().keySet());
            String key = keys.get(app.random.nextInt(keys.size()));
            String value = app.learner.call("get", key);
            requests(app, expect, when);
            String expected = app.served.settings().get(key);
            unless(Objects.equals(expected, value), () -> "get(\"" + key + "\") " + when + " returned " + quote(value)
                    + ", expected " + quote(expected) + staleOrMixed(app, before, key, value));
        } else {
            Snapshot seen = app.learner.call("snapshot");
            requests(app, expect, when);
            unless(seen != null, () -> "snapshot() returned null " + when);
            unless(Objects.equals(app.served.settings(), seen.settings()), () -> "snapshot() " + when
                    + " is not the set expected" + describe(app, before, seen) + "; served " + seen.settings()
                    + ", expected " + app.served.settings());
            unless(Objects.equals(app.served.sentinel(), seen.sentinel()), () -> "snapshot() " + when
                    + " carries sentinel " + quote(seen.sentinel()) + ", expected " + quote(app.served.sentinel())
                    + ": region " + LOAD + " puts the value of the sentinel it was loaded with in the snapshot");
        }
        unless(app.clock.reads() > 0, () -> "region " + POLL + " never read the clock it was given (nanoTime): "
                + "measure the refresh interval on it, not on System.nanoTime() or the wall clock");
    }

    private static String staleOrMixed(App app, Snapshot before, String key, String value) {
        if (before != null && Objects.equals(before.settings().get(key), value)) {
            return ": that is the value from before the sentinel changed (region " + POLL + " did not reload, or "
                    + "region " + LOAD + " kept the old value)";
        }
        if (Objects.equals(app.stored.get(key), value)) {
            return ": that value was changed in the store but the sentinel was not; an app sees changes only when "
                    + "the sentinel changes, all at once";
        }
        return "";
    }

    private static String describe(App app, Snapshot before, Snapshot seen) {
        if (seen.settings() == null) {
            return "";
        }
        for (String key : seen.settings().keySet()) {
            if (!app.served.settings().containsKey(key)) {
                boolean old = before != null && before.settings().containsKey(key);
                return ": " + key + (old ? " was deleted before the sentinel changed, yet it is still served: a mix of "
                        + "old and new (region " + LOAD + " builds a new map, it does not add to the old one)"
                        : app.stored.containsKey(key) ? " is there, yet the sentinel has not changed since it was "
                        + "added: settings are reloaded only when the sentinel changed"
                        : " is not one of the app's settings (key prefix " + app.prefix + ", label " + app.label + ")");
            }
        }
        for (Map.Entry<String, String> e : app.served.settings().entrySet()) {
            String value = seen.settings().get(e.getKey());
            if (!Objects.equals(value, e.getValue())) {
                return ": " + e.getKey() + " is " + quote(value) + staleOrMixed(app, before, e.getKey(), value);
            }
        }
        return "";
    }

    /** The requests the store saw for this read, held to what a correct app sends; then the log is cleared. */
    private static void requests(App app, Expect expect, String when) {
        List<Request> seen = app.store.requests().all();
        app.store.requests().clear();
        List<Request> sentinelGets = new ArrayList<>();
        List<Request> lists = new ArrayList<>();
        for (Request r : seen) {
            String key = r.path().startsWith("/kv/") ? URLDecoder.decode(r.path().substring(4), StandardCharsets.UTF_8)
                    : null;
            if (r.method().equals("GET") && r.path().equals("/kv")) {
                lists.add(r);
            } else if (app.sentinelKey.equals(key) && r.method().equals("GET")) {
                sentinelGets.add(r);
            } else {
                throw new CheckFailed("region " + POLL + " sent " + r.method() + " " + (key != null ? "for setting "
                        + key : r.path()) + " " + when + ": an app polls only the sentinel (" + app.sentinelKey
                        + ") and reloads with one listing");
            }
        }
        for (Request r : sentinelGets) {
            unless(Objects.equals(app.label, r.parameter("label")), () -> "region " + POLL + " read the sentinel with "
                    + "label " + quote(r.parameter("label")) + " " + when + ", expected the app's label " + quote(app.label)
                    + ": the sentinel is watched with the settings' label");
        }
        for (Request r : lists) {
            unless(Objects.equals(app.prefix + "*", r.parameter("key")), () -> "region " + LOAD + " listed with key "
                    + "filter " + quote(r.parameter("key")) + ", expected " + quote(app.prefix + "*"));
            unless(Objects.equals(app.label, r.parameter("label")), () -> "region " + LOAD + " listed with label filter "
                    + quote(r.parameter("label")) + ", expected the app's label " + quote(app.label)
                    + ": without it the listing mixes in every label");
        }
        int polls = sentinelGets.size();
        int reloads = (int) lists.stream().filter(r -> r.parameter("after") == null).count();
        switch (expect) {
            case FIRST_LOAD -> {
                unless(polls == 1, () -> "region " + POLL + " read the sentinel " + times(polls) + " " + when
                        + ", expected once (then list every setting once)");
                unless(reloads == 1, () -> "region " + LOAD + " listed the settings " + times(reloads) + " " + when
                        + ", expected once: the first read loads everything");
            }
            case NOTHING -> unless(polls == 0 && reloads == 0, () -> "region " + POLL + " asked the store " + when
                    + " (" + times(polls) + " the sentinel, " + times(reloads) + " a listing), expected nothing: "
                    + "before the refresh interval has passed, serve what you have without asking");
            case POLL_UNCHANGED, POLL_AND_RELOAD -> {
                unless(polls == 1, () -> "region " + POLL + " read the sentinel " + times(polls) + " " + when
                        + ", expected exactly once: " + (polls == 0 ? "the interval had passed, so poll it (on the "
                        + "clock you were given; a poll is due when the time since the last one is the interval or more)"
                        : "one conditional GET per interval"));
                if (expect == Expect.POLL_UNCHANGED) {
                    unless(sentinelGets.get(0).status() == 304, () -> "region " + POLL + " read the unchanged sentinel "
                            + when + " and the store answered " + sentinelGets.get(0).status() + ", expected 304: "
                            + (app.reloaded
                            // the learner may well send If-None-Match, but with the ETag from before the change
                            ? "after the last change, keep the sentinel the 200 returned (response.getValue(), its new "
                            + "ETag); polling with the old one is a 200 every time. And poll with ifChanged true"
                            : "poll with getConfigurationSettingWithResponse(sentinel, null, true, Context.NONE): "
                            + "ifChanged true sends its ETag back (If-None-Match)")
                            + ", so an unchanged sentinel costs no body");
                    unless(reloads == 0, () -> "region " + POLL + " listed the settings " + when + " although the "
                            + "sentinel had not changed (304): reload only when the sentinel changed");
                } else {
                    unless(reloads == 1, () -> "the sentinel had changed, but region " + POLL + " listed the settings "
                            + times(reloads) + " " + when + ", expected once: reload everything when it changed");
                }
            }
        }
    }

    static String times(int n) {
        return n == 0 ? "no times" : n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }

    static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static Duration below(App app) {
        return Duration.ofNanos(1 + (long) (app.random.nextDouble() * (app.interval.toNanos() - 2)));
    }

    // ---- the checks ----

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("the first read loads the sentinel and every setting once")
    @Check(task = 1, region = POLL, hint = "task 1: nothing is loaded yet: read the sentinel (key and label), then "
            + "hand it to loadAll, which lists the settings with a SettingSelector (key filter and label filter)")
    void firstLoad(Learner learner, CheckStore store, TestClock clock, Random random) {
        App app = app(store, clock, random, learner);
        read(app, false);
        for (int i = 0; i < 3; i++) {
            app.advance(Duration.ofMillis(random.nextInt(200)));
            read(app, true);
        }
    }

    @Order(2)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("no request before the refresh interval has passed")
    @Check(task = 2, region = POLL, hint = "task 2: keep the clock's time of the last load or poll; while less than "
            + "the interval has passed since then, answer from the snapshot you hold")
    void nothingBeforeTheInterval(Learner learner, CheckStore store, TestClock clock, Random random) {
        App app = app(store, clock, random, learner);
        read(app, false);
        long left = app.interval.toNanos() - 1;
        int reads = 4 + random.nextInt(4);
        for (int i = 0; i < reads; i++) {
            long step = i == reads - 1 ? left : (long) (random.nextDouble() * left / 2);
            app.advance(Duration.ofNanos(step));
            left -= step;
            if (i == reads / 2) {
                app.changeSettings();
                app.changeSentinel();
            }
            read(app, random.nextBoolean());
        }
    }

    @Order(3)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("one conditional GET of the sentinel per interval with reads")
    @Check(task = 2, region = POLL, hint = "task 2: getConfigurationSettingWithResponse(sentinel, null, true, "
            + "Context.NONE) sends the ETag of the sentinel you last read; the store answers 304 when it is unchanged. Measure the next "
            + "interval from this poll")
    void oneConditionalPollPerInterval(Learner learner, CheckStore store, TestClock clock, Random random) {
        App app = app(store, clock, random, learner);
        read(app, false);
        for (int interval = 0; interval < 4; interval++) {
            app.advance(interval == 0 ? app.interval : app.interval.plus(below(app)));
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                read(app, random.nextBoolean());
                app.advance(Duration.ofMillis(random.nextInt(50)));
            }
        }
        // idle for more than two intervals: one poll at the next read, and the interval counts from it
        app.advance(app.interval.multipliedBy(2).plus(below(app)));
        read(app, true);
        app.advance(app.interval.minusNanos(1));
        read(app, true);
        app.advance(Duration.ofNanos(1));
        read(app, false);
    }

    @Order(4)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("a changed sentinel reloads every setting once, whole")
    @Check(task = 3, region = LOAD, hint = "task 3: build a new map from one listing and return a new Snapshot; keep "
            + "the sentinel the poll returned (its new ETag) for the next conditional GET")
    void reloadWhenTheSentinelChanged(Learner learner, CheckStore store, TestClock clock, Random random) {
        App app = app(store, clock, random, learner);
        read(app, false);
        // settings changed without the sentinel: not seen, however long the app runs
        app.changeSettings();
        for (int i = 0; i < 2; i++) {
            app.advance(app.interval.plus(below(app)));
            read(app, false);
        }
        app.changeSentinel();
        app.advance(app.interval);
        read(app, false);
        // the new ETag is kept: the next poll is a 304 again
        app.advance(app.interval);
        read(app, true);
        app.advance(app.interval);
        read(app, false);
    }

    @Order(5)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("random changes: always one consistent set, never a needless request")
    @Check(task = 3, region = POLL, hint = "tasks 2 and 3: per read, at most one poll, and a reload only after a "
            + "poll that returned 200; the snapshot served is replaced whole")
    void randomChanges(Learner learner, CheckStore store, TestClock clock, Random random) {
        App app = app(store, clock, random, learner);
        read(app, random.nextBoolean());
        for (int step = 0; step < 24; step++) {
            switch (random.nextInt(6)) {
                case 0 -> app.changeSettings();
                case 1 -> {
                    app.changeSettings();
                    app.changeSentinel();
                }
                default -> { }
            }
            int pick = random.nextInt(4);
            app.advance(pick == 0 ? app.interval : pick == 1 ? below(app) : Duration.ofNanos(
                    (long) (random.nextDouble() * 2.5 * app.interval.toNanos())));
            read(app, random.nextBoolean());
        }
    }
}
