package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.support.CheckFailed.unless;

import com.azure.core.credential.AccessToken;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.LearnerThrew;
import dev.kvlab.checks.support.Redaction;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.AccessAlert;
import dev.kvlab.exercises.AccessAlert.Alert;
import dev.kvlab.exercises.AccessAlert.AzureDiagnostics;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.LoopbackTransport;
import dev.kvlab.vault.AzureDiagnosticsRecord;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Seed;
import dev.kvlab.vault.VaultClock;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

/**
 * Exercise 11 (audit): the seed's unauthorized-access alert over the vault's audit log in Azure Monitor's
 * {@code AzureDiagnostics} shape. Each check starts a vault of its own whose clock stands still until the check moves
 * it, drives traffic through the real SDK at instants it chose (principals with and without roles, a token the vault
 * rejects, successes, reads of missing and disabled secrets, other operations refused), some exactly on a window's
 * edge or a nanosecond or a millisecond before it, exports the audit log and compares the learner's alerts with its
 * own evaluation of the rule. Stage 1 only: a workspace takes minutes to ingest, and only a local clock can be moved.
 */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessAlertCheck {
    static final String READ = "READ_EXPORT";
    static final String RULE = "EVALUATE_RULE";
    static final String PAGE = "docs/audit.md#";
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** Days from which a run's vault clock starts: a random instant, so no window lines up with a round minute. */
    static final Instant BASE = Instant.parse("2026-01-05T00:00:00Z");

    // ---- the calls into the learner's code: one place ----

    private static List<AzureDiagnostics> readExport(Learner learner, List<String> lines) {
        return learner.call("readExport", lines);
    }

    private static List<Alert> evaluateRule(Learner learner, List<AzureDiagnostics> records, Instant evaluationStart) {
        return learner.call("evaluateRule", records, evaluationStart);
    }

    // ---- the traffic: a vault of the check's own on a clock that only moves when the check moves it ----

    /** Who calls in the traffic; {@code REJECTED} signs in with a token the vault refuses (401, no object id). */
    static final String REJECTED = "(rejected token)";
    /** Principals whose SecretGet is refused: no data-plane role, metadata only, management plane only. */
    static final List<String> REFUSED_READERS = List.of("reader", "contributor", "intruder", REJECTED);

    static final class Traffic implements AutoCloseable {
        final LocalVault vault;
        final Instant evaluationStart;
        final Random random;
        final List<String> secrets = new ArrayList<>(List.of("openai-api-key", "cosmosdb-connection-string"));
        final String disabled;
        private final HttpClient http;
        private final Map<String, SecretClient> clients = new HashMap<>();
        private final TreeMap<Instant, List<Runnable>> plan = new TreeMap<>();
        private final String intruder;

        Traffic(Random random) {
            this.random = random;
            Instant start = BASE.plus(Duration.ofMinutes(random.nextInt(400_000))).plusSeconds(random.nextInt(60))
                    .plusNanos(1 + random.nextInt(999_999_999));
            vault = LocalVault.builder().seed(Seed.LAB).clock(VaultClock.fixed(start)).start();
            http = LoopbackTransport.httpClient(vault.caCertificatePem());
            // the rule starts a minute or two later, at an instant with its own seconds and nanoseconds
            evaluationStart = start.plus(Duration.ofSeconds(60 + random.nextInt(120))).plusNanos(random.nextInt(1_000_000_000));
            intruder = "intruder-" + Integer.toHexString(0x1000 + random.nextInt(0xefff));
            SecretClient officer = client(Lab.LAB_USER);
            String extra = TestData.name(random, "db-password");
            officer.setSecret(extra, value());
            secrets.add(extra);
            disabled = TestData.name(random, "legacy-token");
            KeyVaultSecret old = officer.setSecret(disabled, value());
            officer.updateSecretProperties(old.getProperties().setEnabled(false)); // reading it is a 403 for anybody
            // each client's first request goes out without a token (the SDK's sign-in challenge, a 401 SecretGet
            // without an object id): let that happen here, before the rule's first window
            for (String who : List.of(Lab.LAB_USER, "app", "reader", "contributor", "intruder", REJECTED)) {
                quietly(() -> client(who).getSecret("warm-up"));
            }
        }

        private String value() {
            String value = TestData.value(random, 24 + random.nextInt(16));
            Redaction.remember(value);
            return value;
        }

        /** The principal's name in the vault (the intruder's name is drawn per run). */
        String principal(String who) {
            return who.equals("intruder") ? intruder : who;
        }

        SecretClient client(String who) {
            return clients.computeIfAbsent(who, w -> {
                var builder = Lab.connection(vault, vault.url(), principal(w), http).builder();
                if (w.equals(REJECTED)) {
                    // a token no token service signed: the vault answers 401 and records no object id
                    builder.credential(request -> Mono.just(new AccessToken("eyJhbGciOiJub25lIn0.e30.",
                            OffsetDateTime.now().plusHours(1))));
                }
                return builder.buildClient();
            });
        }

        /** Plans {@code action} at {@code when} (actions at one instant run in the order planned). */
        void at(Instant when, Runnable action) {
            plan.computeIfAbsent(when, w -> new ArrayList<>()).add(action);
        }

        /** A read of {@code name} by {@code who} at {@code when}; whatever the vault answers, it records. */
        void read(Instant when, String who, String name) {
            at(when, () -> quietly(() -> client(who).getSecret(name)));
        }

        /** A refused read at {@code when}: a principal without the role, or the disabled secret. */
        void refusedRead(Instant when) {
            refusedRead(when, REFUSED_READERS);
        }

        /** A refused read at {@code when} by one of {@code readers}, or of the disabled secret. */
        void refusedRead(Instant when, List<String> readers) {
            if (random.nextInt(6) == 0) {
                read(when, random.nextBoolean() ? "app" : Lab.LAB_USER, disabled); // 403 SecretDisabled
            } else {
                read(when, pick(readers), pick(secrets));
            }
        }

        /** Any request at {@code when}: successes, 404s, refused reads and other operations refused or not. */
        void anything(Instant when) {
            switch (random.nextInt(9)) {
                case 0, 1 -> refusedRead(when);
                case 2 -> read(when, random.nextBoolean() ? "app" : Lab.LAB_USER, pick(secrets)); // OK
                case 3 -> read(when, random.nextBoolean() ? "app" : Lab.LAB_USER, "no-such-" + random.nextInt(100)); // 404
                case 4 -> at(when, () -> quietly(() -> client(pick(REFUSED_READERS)).setSecret(pick(secrets), "x"))); // refused set
                case 5 -> at(when, () -> quietly(() -> client(pick(List.of("intruder", "contributor", REJECTED)))
                        .listPropertiesOfSecrets().stream().count())); // refused list
                case 6 -> at(when, () -> quietly(() -> client(pick(List.of(Lab.LAB_USER, "reader")))
                        .listPropertiesOfSecrets().stream().count())); // list OK
                case 7 -> at(when, () -> quietly(() -> client("reader").listPropertiesOfSecretVersions(pick(secrets))
                        .stream().count())); // metadata OK
                default -> at(when, () -> quietly(() -> client("app").beginDeleteSecret(pick(secrets)))); // refused delete
            }
        }

        <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }

        /** An instant in window {@code k} (k = -1: before the rule started), drawn anywhere inside it. */
        Instant inWindow(int k) {
            return windowStart(k).plusNanos(Math.floorMod(random.nextLong(), WINDOW.toNanos()));
        }

        Instant windowStart(int k) {
            return evaluationStart.plus(WINDOW.multipliedBy(k));
        }

        /** Runs the plan in time order, moving the vault's clock to each instant; returns the export. */
        List<AzureDiagnosticsRecord> run() {
            for (Map.Entry<Instant, List<Runnable>> step : plan.entrySet()) {
                Duration by = Duration.between(vault.clock().now(), step.getKey());
                if (!by.isNegative()) {
                    vault.clock().advance(by);
                }
                step.getValue().forEach(Runnable::run);
            }
            plan.clear();
            return vault.auditLog().toAzureDiagnostics();
        }

        private static void quietly(Runnable call) {
            try {
                call.run();
            } catch (HttpResponseException refusedOrMissing) {
                // the vault recorded it: that is all the traffic is for
            }
        }

        @Override
        public void close() {
            vault.close();
        }
    }

    // ---- the export, as the learner's code receives it ----

    static AzureDiagnostics row(AzureDiagnosticsRecord r) {
        return new AzureDiagnostics(r.timeGenerated(), r.operationName(), r.resultSignature(), r.resultType(),
                r.httpStatusCode(), r.callerIpAddress(), r.identityClaimOid(), r.id(), r.requestUri());
    }

    static List<AzureDiagnostics> rows(List<AzureDiagnosticsRecord> records) {
        return records.stream().map(AccessAlertCheck::row).collect(Collectors.toCollection(ArrayList::new));
    }

    // ---- the rule, as the judge evaluates it ----

    /** One alert's identity: the window and the caller. */
    record Key(Instant windowStart, String oid, String ip) {
        @Override
        public String toString() {
            return "caller " + (oid == null ? "without object id (401)" : oid) + " at " + ip + ", window from "
                    + windowStart;
        }
    }

    /** What the rule counted for one key. */
    record Seen(int count, Set<String> secrets) {}

    static boolean refusedRead(AzureDiagnosticsRecord r) {
        return "SecretGet".equals(r.operationName())
                && ("Unauthorized".equals(r.resultSignature()) || "Forbidden".equals(r.resultSignature()));
    }

    /** The window index of {@code time} (-1 and below: before the rule started). */
    static long window(Instant evaluationStart, Instant time) {
        return Math.floorDiv(Duration.between(evaluationStart, time).toNanos(), WINDOW.toNanos());
    }

    static String secretName(String id) {
        String[] path = URI.create(id).getPath().split("/"); // "", "secrets", name[, version]
        return path[2];
    }

    static Map<Key, Seen> judge(List<AzureDiagnosticsRecord> records, Instant evaluationStart) {
        Map<Key, List<AzureDiagnosticsRecord>> byKey = new LinkedHashMap<>();
        for (AzureDiagnosticsRecord r : records) {
            long k = window(evaluationStart, r.timeGenerated());
            if (refusedRead(r) && k >= 0) {
                Key key = new Key(evaluationStart.plus(WINDOW.multipliedBy(k)), r.identityClaimOid(), r.callerIpAddress());
                byKey.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
            }
        }
        Map<Key, Seen> alerts = new LinkedHashMap<>();
        byKey.forEach((key, refused) -> {
            if (refused.size() > AccessAlert.THRESHOLD) {
                alerts.put(key, new Seen(refused.size(), refused.stream().map(r -> secretName(r.id()))
                        .collect(Collectors.toCollection(TreeSet::new))));
            }
        });
        return alerts;
    }

    /** What a caller did in a window, as a hint why the rule does or does not alert: "2 SecretGet NotFound, ...". */
    static String activity(List<AzureDiagnosticsRecord> records, Instant evaluationStart, Key key) {
        Map<String, Integer> counts = new TreeMap<>();
        long k = window(evaluationStart, key.windowStart());
        for (AzureDiagnosticsRecord r : records) {
            if (window(evaluationStart, r.timeGenerated()) == k && Objects.equals(r.identityClaimOid(), key.oid())
                    && Objects.equals(r.callerIpAddress(), key.ip())) {
                counts.merge(r.operationName() + " " + r.resultSignature(), 1, Integer::sum);
            }
        }
        return counts.isEmpty() ? "nothing" : counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    /**
     * The learner's alerts against the judge's, with a message that says what differs and why it matters; the part
     * that explains comes first (a check's message is cut at 300 characters).
     */
    static void requireSameAlerts(List<Alert> alerts, List<AzureDiagnosticsRecord> records, Instant evaluationStart) {
        unless(alerts != null, () -> "region " + RULE + " returned null: return the list of alerts (empty when "
                + "nothing was refused)");
        Map<Key, Seen> expected = judge(records, evaluationStart);
        unless(!alerts.isEmpty() || expected.isEmpty(), () -> "region " + RULE + " fired no alert, the rule fires "
                + expected.size() + " over these records (evaluation start " + evaluationStart + "), the first for "
                + expected.keySet().iterator().next() + " with " + expected.values().iterator().next().count()
                + " refused read(s)");
        Map<Key, Alert> actual = new LinkedHashMap<>();
        for (Alert a : alerts) {
            unless(a != null && a.windowStart() != null, () -> "region " + RULE + " returned an alert without a "
                    + "window start");
            Key key = new Key(a.windowStart(), a.callerOid(), a.callerIp());
            unless(!actual.containsKey(key), () -> "region " + RULE + " fired two alerts for " + key + ": one alert "
                    + "per window and caller");
            actual.put(key, a);
        }
        for (Key key : actual.keySet()) {
            boolean aligned = Duration.between(evaluationStart, key.windowStart()).toNanos() % WINDOW.toNanos() == 0;
            unless(aligned, () -> "region " + RULE + " fired an alert for " + key + ", not one of the rule's windows: "
                    + "they start at the evaluation start plus a multiple of 5 minutes (evaluation start "
                    + evaluationStart + ")");
            unless(!key.windowStart().isBefore(evaluationStart), () -> "region " + RULE + " fired an alert for " + key
                    + ", before the rule's first window (evaluation start " + evaluationStart + "): the rule never "
                    + "evaluated those records");
        }
        for (Map.Entry<Key, Seen> e : expected.entrySet()) {
            Key key = e.getKey();
            unless(actual.containsKey(key), () -> "region " + RULE + " missed the alert for " + key
                    + missedWhy(key, actual, expected) + ": " + e.getValue().count() + " refused read(s) of "
                    + e.getValue().secrets() + "; the caller's records there: "
                    + activity(records, evaluationStart, key));
        }
        for (Key key : actual.keySet()) {
            unless(expected.containsKey(key), () -> "region " + RULE + " fired an alert the rule does not fire, for "
                    + key + " (count " + actual.get(key).count() + "): the rule counts only SecretGet refused as "
                    + "Unauthorized or Forbidden; the caller's records there: "
                    + activity(records, evaluationStart, key));
        }
        for (Map.Entry<Key, Seen> e : expected.entrySet()) {
            Key key = e.getKey();
            Alert a = actual.get(key);
            unless(key.windowStart().plus(WINDOW).equals(a.windowEnd()), () -> "region " + RULE + ": the alert for "
                    + key + " ends at " + a.windowEnd() + ", expected 5 minutes after its start (the evaluation time)");
            unless(a.count() == e.getValue().count(), () -> "region " + RULE + ": the alert for " + key + " counts "
                    + a.count() + ", the rule counts " + e.getValue().count() + " (every refused read, not the "
                    + "secrets) of " + e.getValue().secrets());
            Set<String> names = a.secrets() == null ? null : new TreeSet<>(a.secrets());
            unless(e.getValue().secrets().equals(names) && a.secrets().size() == names.size(), () -> "region " + RULE
                    + ": the alert for " + key + " should name each secret once, " + e.getValue().secrets()
                    + "; it names " + a.secrets());
        }
    }

    /** When an alert is missing, what the learner fired around it often says why. */
    private static String missedWhy(Key missing, Map<Key, Alert> fired, Map<Key, Seen> expected) {
        List<Key> firedThere = fired.keySet().stream().filter(k -> k.windowStart().equals(missing.windowStart())
                && Objects.equals(k.ip(), missing.ip())).toList();
        List<Key> expectedThere = expected.keySet().stream().filter(k -> k.windowStart().equals(missing.windowStart())
                && Objects.equals(k.ip(), missing.ip())).toList();
        int firedCount = firedThere.stream().mapToInt(k -> fired.get(k).count()).sum();
        int expectedCount = expectedThere.stream().mapToInt(k -> expected.get(k).count()).sum();
        if (!firedThere.isEmpty() && firedThere.size() < expectedThere.size() && firedCount == expectedCount) {
            return " (it fired " + firedThere.size() + " alert(s) for the " + expectedThere.size() + " callers at that "
                    + "address: one alert per caller, object id and IP address)";
        }
        for (Duration shift : List.of(WINDOW.negated(), WINDOW)) {
            Key next = new Key(missing.windowStart().plus(shift), missing.oid(), missing.ip());
            if (fired.containsKey(next) && (!expected.containsKey(next)
                    || expected.get(next).count() != fired.get(next).count())) {
                return " (that caller's alert in the window " + (shift.isNegative() ? "before" : "after") + " counts "
                        + "what belongs here: a window includes its start and excludes its end)";
            }
        }
        return "";
    }

    // ---- task 1: reading the export ----

    @Order(1)
    @DisplayName("reads every record of the vault's export, column by column, an absent column as null")
    @Check(task = 1, region = READ, hint = "see " + PAGE + "1: one JSON object per line; read each column the "
            + "record has by its name, and make a column the line does not carry null")
    void readsEveryColumn(Learner learner, Random random) {
        try (Traffic traffic = new Traffic(random)) {
            for (int i = 0; i < 25 + random.nextInt(10); i++) {
                traffic.anything(traffic.inWindow(random.nextInt(3)));
            }
            List<AzureDiagnosticsRecord> records = traffic.run();
            List<String> lines = traffic.vault.auditLog().toAzureDiagnosticsJsonLines().lines().toList();
            List<AzureDiagnostics> read = readExport(learner, lines);
            requireSameRecords(rows(records), read);
        }
    }

    static void requireSameRecords(List<AzureDiagnostics> expected, List<AzureDiagnostics> read) {
        unless(read != null, () -> "region " + READ + " returned null: return the list of records");
        unless(read.size() == expected.size(), () -> "region " + READ + " returned " + read.size() + " record(s), the "
                + "export holds " + expected.size() + " (one per line that is not blank, in order)");
        for (int i = 0; i < expected.size(); i++) {
            AzureDiagnostics want = expected.get(i);
            AzureDiagnostics got = read.get(i);
            int at = i + 1;
            unless(got != null, () -> "region " + READ + ": record " + at + " is null");
            for (RecordComponent column : AzureDiagnostics.class.getRecordComponents()) {
                Object w = value(column, want);
                Object g = value(column, got);
                unless(Objects.equals(w, g), () -> "region " + READ + ": record " + at + " has " + column.getName()
                        + " = " + quote(g) + ", the export says " + quote(w)
                        + (w == null ? " (the line has no such column: null)" : ""));
            }
        }
    }

    private static Object value(RecordComponent column, AzureDiagnostics row) {
        try {
            return column.getAccessor().invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(Object o) {
        return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
    }

    @Order(2)
    @DisplayName("skips blank lines and refuses a line that is not a JSON object, naming its line number")
    @Check(task = 1, region = READ, hint = "see " + PAGE + "1: an export cut short or edited by hand is no reason to "
            + "guess; count lines from 1, blank ones included, and throw IllegalArgumentException naming the line")
    void refusesBrokenLines(Learner learner, Random random) {
        try (Traffic traffic = new Traffic(random)) {
            for (int i = 0; i < 10 + random.nextInt(6); i++) {
                traffic.anything(traffic.inWindow(random.nextInt(2)));
            }
            List<AzureDiagnosticsRecord> records = traffic.run();
            List<String> lines = new ArrayList<>(traffic.vault.auditLog().toAzureDiagnosticsJsonLines().lines().toList());
            for (int i = 0; i < 3; i++) {
                lines.add(random.nextInt(lines.size() + 1), i == 0 ? "" : random.nextBoolean() ? "   " : "\t");
            }
            requireSameRecords(rows(records), readExport(learner, lines));
            int broken = 1 + random.nextInt(lines.size());
            for (String bad : List.of(lines.get(broken - 1).isBlank() ? "{\"TimeGenerated\":" : cut(lines.get(broken - 1), random),
                    "[" + records.size() + "]")) {
                List<String> damaged = new ArrayList<>(lines);
                damaged.set(broken - 1, bad);
                LearnerThrew threw = null;
                try {
                    readExport(learner, damaged);
                } catch (LearnerThrew t) {
                    threw = t;
                }
                LearnerThrew t = threw;
                unless(t != null, () -> "region " + READ + " read an export whose line " + broken + " is "
                        + quote(bad.length() > 40 ? bad.substring(0, 40) + "..." : bad) + " without complaint: "
                        + "throw IllegalArgumentException naming line " + broken);
                unless(t.isA(IllegalArgumentException.class), () -> "region " + READ + " threw " + t.simpleName()
                        + " for the broken line " + broken + ", expected IllegalArgumentException");
                unless(t.getMessage() != null && t.getMessage().matches("(?s).*\\bline " + broken + "\\b.*"), () ->
                        "region " + READ + ": the message " + quote(t.getMessage()) + " does not name \"line "
                        + broken + "\" (lines count from 1, blank ones included)");
            }
        }
    }

    /** A JSON line cut short, as a copy interrupted mid-write leaves it. */
    private static String cut(String line, Random random) {
        return line.substring(0, 1 + random.nextInt(line.length() - 2));
    }

    // ---- tasks 2-4: the rule ----

    @Order(3)
    @DisplayName("alerts on SecretGet refused as Unauthorized or Forbidden, and on nothing else")
    @Check(task = 2, region = RULE, hint = "see " + PAGE + "2: filter on OperationName and ResultSignature, like "
            + "the rule's query; a 404 is no attack and a refused list is not a read")
    void alertsOnRefusedReadsOnly(Learner learner, Random random) {
        try (Traffic traffic = new Traffic(random)) {
            int windows = 3 + random.nextInt(3);
            for (int i = 0; i < 45 + random.nextInt(20); i++) {
                traffic.anything(traffic.inWindow(random.nextInt(windows)));
            }
            // a window with plenty going on and no refused read: nothing to alert on
            int quiet = windows;
            for (int i = 0; i < 6; i++) {
                Instant when = traffic.inWindow(quiet);
                switch (i % 3) {
                    case 0 -> traffic.read(when, Lab.LAB_USER, "no-such-" + i); // 404
                    case 1 -> traffic.at(when, () -> Traffic.quietly(() -> traffic.client("intruder")
                            .listPropertiesOfSecrets().stream().count())); // 403 SecretList
                    default -> traffic.read(when, "app", traffic.pick(traffic.secrets)); // OK
                }
            }
            List<AzureDiagnosticsRecord> records = traffic.run();
            List<AzureDiagnostics> shuffled = rows(records);
            Collections.shuffle(shuffled, random); // a workspace query returns rows in no particular order
            requireSameAlerts(evaluateRule(learner, shuffled, traffic.evaluationStart), records, traffic.evaluationStart);
        }
    }

    @Order(4)
    @DisplayName("counts each refusal in the 5-minute window the rule evaluates it in, edges included")
    @Check(task = 3, region = RULE, hint = "see " + PAGE + "3: windows start at the evaluation start, not at a round "
            + "5 minutes of the clock; a window includes its start and excludes its end, to the nanosecond")
    void windowsAlignedToEvaluations(Learner learner, Random random) {
        try (Traffic traffic = new Traffic(random)) {
            int windows = 3 + random.nextInt(2);
            for (int k = 0; k <= windows; k++) {
                Instant edge = traffic.windowStart(k);
                // exactly on the edge belongs to the window that starts there; just before it, to the one before
                for (Duration before : List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofMillis(1),
                        Duration.ofNanos(-1))) {
                    if (random.nextInt(4) != 0 || before.isZero()) {
                        traffic.refusedRead(edge.minus(before));
                    }
                }
            }
            traffic.refusedRead(traffic.inWindow(-1)); // before the rule existed: never evaluated
            for (int i = 0; i < 10; i++) {
                traffic.anything(traffic.inWindow(random.nextInt(windows)));
            }
            List<AzureDiagnosticsRecord> records = traffic.run();
            requireSameAlerts(evaluateRule(learner, rows(records), traffic.evaluationStart), records,
                    traffic.evaluationStart);
        }
    }

    @Order(5)
    @DisplayName("fires one alert per caller (object id and IP) with the secrets it tried and how often")
    @Check(task = 4, region = RULE, hint = "see " + PAGE + "4: group a window's refused reads by "
            + "identity_claim_oid_g and CallerIPAddress (a 401 has no object id: it is a caller of its own)")
    void oneAlertPerCaller(Learner learner, Random random) {
        try (Traffic traffic = new Traffic(random)) {
            int windows = 2 + random.nextInt(2);
            for (int k = 0; k < windows; k++) {
                for (String who : REFUSED_READERS) {
                    int reads = 2 + random.nextInt(4); // some secrets tried more than once
                    for (int i = 0; i < reads; i++) {
                        traffic.read(traffic.inWindow(k), who, traffic.pick(traffic.secrets));
                    }
                }
                traffic.read(traffic.inWindow(k), "app", traffic.disabled);
                traffic.read(traffic.inWindow(k), "app", traffic.disabled);
                traffic.anything(traffic.inWindow(k));
            }
            List<AzureDiagnosticsRecord> records = traffic.run();
            requireSameAlerts(evaluateRule(learner, rows(records), traffic.evaluationStart), records,
                    traffic.evaluationStart);
        }
    }

    @Order(6)
    @DisplayName("fires on a single refused read: the threshold is a count above 0")
    @Check(task = 4, region = RULE, hint = "see " + PAGE + "4: the rule's condition is count > 0; one refused read "
            + "in a window is an alert")
    void firesOnOneRefusal(Learner learner, Random random) {
        try (Traffic traffic = new Traffic(random)) {
            int windows = 3 + random.nextInt(3);
            for (int k = 0; k < windows; k++) {
                if (k % 2 == 0) {
                    // one, and only one (a rejected token may count twice: the SDK tries its challenge again)
                    traffic.refusedRead(traffic.inWindow(k), List.of("reader", "contributor", "intruder"));
                }
                traffic.read(traffic.inWindow(k), "app", traffic.pick(traffic.secrets));
                traffic.read(traffic.inWindow(k), Lab.LAB_USER, "no-such-" + k);
            }
            List<AzureDiagnosticsRecord> records = traffic.run();
            requireSameAlerts(evaluateRule(learner, rows(records), traffic.evaluationStart), records,
                    traffic.evaluationStart);
        }
    }
}
