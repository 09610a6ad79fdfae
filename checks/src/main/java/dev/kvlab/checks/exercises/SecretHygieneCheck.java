package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.support.CheckFailed.unless;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckVault;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.LearnerThrew;
import dev.kvlab.checks.support.Redaction;
import dev.kvlab.checks.support.RequestLog;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.SecretHygiene;
import dev.kvlab.exercises.SecretHygiene.Finding;
import dev.kvlab.exercises.SecretHygiene.Problem;
import dev.kvlab.vault.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 7 (hygiene): every problem of every secret found from properties alone, judged by the clock and warning
 * window handed in, most severe first; the vault's audit log proves no value was read. On the local vault the check
 * fills the vault with a random mix of secrets over several pages, some created months before the others, some on the
 * boundaries (expiring exactly now or exactly at the end of the warning window, created exactly 180 days ago).
 */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretHygieneCheck {
    static final String REGION = "AUDIT_VAULT";
    static final String PAGE = "docs/hygiene.md#";

    /** One finding as the judge sees it: the secret and its problem. */
    private record Key(String name, Problem problem) {
        @Override
        public String toString() {
            return name + " " + problem;
        }
    }

    /** A vault filled for the audit: the instant and window to judge by. */
    private record Audit(Instant now, int warningDays) {
        Instant windowEnd() {
            return now.plus(Duration.ofDays(warningDays));
        }
    }

    // ---- the call into the learner's code: one place ----

    private static List<Finding> auditVault(Learner learner, CheckVault vault, Clock clock, int warningDays) {
        return learner.call("auditVault", vault.client(), clock, warningDays);
    }

    // ---- the rules, as the judge applies them to what the vault lists ----

    static List<Key> expected(SecretClient admin, Instant now, int warningDays, Predicate<String> names) {
        return expected(admin, now, warningDays, names, new HashMap<>());
    }

    /** The findings the rules call for; {@code listed} gets each judged secret's properties, to explain a mismatch. */
    static List<Key> expected(SecretClient admin, Instant now, int warningDays, Predicate<String> names,
            Map<String, SecretProperties> listed) {
        List<Key> keys = new ArrayList<>();
        for (SecretProperties p : admin.listPropertiesOfSecrets()) {
            if (!names.test(p.getName())) {
                continue;
            }
            listed.put(p.getName(), p);
            boolean enabled = Boolean.TRUE.equals(p.isEnabled());
            Instant expires = p.getExpiresOn() == null ? null : p.getExpiresOn().toInstant();
            if (expires == null) {
                keys.add(new Key(p.getName(), Problem.NO_EXPIRY));
            } else if (!now.isBefore(expires)) {
                if (enabled) {
                    keys.add(new Key(p.getName(), Problem.EXPIRED_BUT_ENABLED));
                }
            } else if (!expires.isAfter(now.plus(Duration.ofDays(warningDays)))) {
                keys.add(new Key(p.getName(), Problem.EXPIRES_SOON));
            }
            if (!enabled) {
                keys.add(new Key(p.getName(), Problem.LATEST_DISABLED));
            }
            if (p.getCreatedOn().toInstant().isBefore(now.minus(SecretHygiene.ROTATION_PERIOD))) {
                keys.add(new Key(p.getName(), Problem.NOT_ROTATED));
            }
            if (p.getContentType() == null || p.getContentType().isBlank()) {
                keys.add(new Key(p.getName(), Problem.NO_CONTENT_TYPE));
            }
        }
        keys.sort(Comparator.comparing((Key k) -> k.problem().severity()).thenComparing(Key::problem)
                .thenComparing(Key::name));
        return keys;
    }

    // ---- arranging the vault ----

    private static void store(CheckVault vault, Random random, String name, Instant expires, boolean enabled,
            boolean contentType) {
        String value = TestData.value(random, 20 + random.nextInt(20));
        Redaction.remember(value);
        KeyVaultSecret secret = new KeyVaultSecret(name, value);
        if (contentType) {
            secret.getProperties().setContentType(TestData.contentType(random));
        }
        if (expires != null) {
            secret.getProperties().setExpiresOn(expires.atOffset(ZoneOffset.UTC));
        }
        secret.getProperties().setEnabled(enabled); // one call per secret: the fill runs inside the check's time limit
        vault.admin().setSecret(secret);
    }

    /** An expiry date drawn to hit every rule and both edges of the warning window. */
    private static Instant expiry(Random random, Instant now, int warningDays) {
        Instant edge = now.plus(Duration.ofDays(warningDays));
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> now; // expires this very instant: expired
            case 2 -> now.minus(Duration.ofMinutes(1 + random.nextInt(100000)));
            case 3 -> edge; // the last instant of the window: expires soon
            case 4 -> edge.plusSeconds(1 + random.nextInt(3600)); // just outside it
            case 5 -> now.plusSeconds(1 + random.nextInt((int) Duration.ofDays(warningDays).toSeconds()));
            default -> edge.plus(Duration.ofDays(1 + random.nextInt(400)));
        };
    }

    /**
     * Fills the local vault: {@code count} secrets, about a third created some 200 days before the instant the audit
     * judges by, one exactly 180 days before it, the rest later; random expiry, enabled flag and content type.
     */
    private static Audit fill(CheckVault vault, Random random, int count) {
        var clock = vault.localVault().clock();
        int warningDays = 5 + random.nextInt(56);
        Instant start = clock.now().truncatedTo(ChronoUnit.SECONDS);
        Instant now = start.plus(Duration.ofDays(200 + random.nextInt(60))).plusSeconds(random.nextInt(86400));
        for (int i = 0; i < count; i++) {
            if (i == count / 3) {
                clock.advance(Duration.between(clock.now(), now.minus(SecretHygiene.ROTATION_PERIOD))); // the edge
                store(vault, random, vault.name(TestData.name(random, "edge")), expiry(random, now, warningDays), true,
                        true);
                clock.advance(Duration.ofSeconds(1 + random.nextInt(86400 * 60)));
            }
            store(vault, random, vault.name(TestData.name(random, "s" + i)), expiry(random, now, warningDays),
                    random.nextInt(5) != 0, random.nextInt(4) != 0);
        }
        return new Audit(now, warningDays);
    }

    private static List<Key> keys(List<Finding> findings) {
        List<Key> keys = new ArrayList<>();
        for (Finding f : findings) {
            unless(f != null && f.name() != null && f.problem() != null, () -> "region " + REGION
                    + " returned a finding without a name or problem");
            keys.add(new Key(f.name(), f.problem()));
        }
        return keys;
    }

    private static String some(Set<Key> keys) {
        return keys.stream().limit(3).map(Key::toString).collect(Collectors.joining(", "))
                + (keys.size() > 3 ? " and " + (keys.size() - 3) + " more" : "");
    }

    private static Instant expiresOn(SecretProperties p) {
        return p == null || p.getExpiresOn() == null ? null : p.getExpiresOn().toInstant();
    }

    /**
     * What the secrets behind mismatched findings have in common, when it explains every one of them: they sit
     * exactly on a rule's edge, or (reported as expired and enabled) they are disabled. Empty otherwise, so a
     * different mistake (a page left out) is not blamed on an edge.
     */
    private static String why(Set<Key> keys, boolean missed, Audit audit, Map<String, SecretProperties> listed) {
        Map<String, Integer> notes = new java.util.LinkedHashMap<>();
        Instant rotationEdge = audit.now().minus(SecretHygiene.ROTATION_PERIOD);
        for (Key k : keys) {
            SecretProperties p = listed.get(k.name());
            Instant expires = expiresOn(p);
            String note = null;
            if (p == null) {
                return "";
            } else if (!missed && k.problem() == Problem.EXPIRED_BUT_ENABLED && !Boolean.TRUE.equals(p.isEnabled())) {
                note = "for secrets that are disabled: an expired secret that is disabled is not "
                        + "EXPIRED_BUT_ENABLED, only LATEST_DISABLED";
            } else if ((k.problem() == Problem.EXPIRED_BUT_ENABLED || k.problem() == Problem.EXPIRES_SOON)
                    && audit.now().equals(expires)) {
                note = "on secrets that expire exactly at the clock's instant, " + audit.now()
                        + ", which counts as expired";
            } else if (k.problem() == Problem.EXPIRES_SOON && audit.windowEnd().equals(expires)) {
                note = "on secrets that expire exactly at the end of the warning window, " + audit.windowEnd()
                        + ", which is still within it";
            } else if (k.problem() == Problem.NOT_ROTATED && p.getCreatedOn().toInstant().equals(rotationEdge)) {
                note = "on secrets created exactly " + SecretHygiene.ROTATION_PERIOD.toDays()
                        + " days before the clock's instant, which is not yet overdue";
            }
            if (note == null) {
                return "";
            }
            notes.merge(note, 1, Integer::sum);
        }
        return notes.isEmpty() ? "" : " (" + notes.entrySet().stream().map(e -> (keys.size() == e.getValue()
                ? "all " : e.getValue() + " ") + e.getKey()).collect(Collectors.joining("; ")) + ")";
    }

    private static void requireSameFindings(List<Key> expected, List<Key> actual, Audit audit,
            Map<String, SecretProperties> listed) {
        Set<Key> missing = new LinkedHashSet<>(expected);
        missing.removeAll(actual);
        Set<Key> extra = new LinkedHashSet<>(actual);
        extra.removeAll(expected);
        unless(missing.isEmpty(), () -> "region " + REGION + " missed " + missing.size() + " finding(s) at "
                + audit.now() + " with a " + audit.warningDays() + "-day window: " + some(missing)
                + why(missing, true, audit, listed));
        unless(extra.isEmpty(), () -> "region " + REGION + " reported " + extra.size() + " finding(s) that do not "
                + "apply at " + audit.now() + " with a " + audit.warningDays() + "-day window: " + some(extra)
                + why(extra, false, audit, listed));
        unless(actual.size() == new LinkedHashSet<>(actual).size(), () -> "region " + REGION
                + " reported a finding twice: one per secret and problem");
    }

    // ---- task 1 ----

    @Order(1)
    @DisplayName("finds every problem of every secret, on every page, by the clock and window handed in")
    @Check(task = 1, region = REGION, hint = "see " + PAGE + "1: judge each secret's latest properties against "
            + "each practice at the clock's instant; mind where each rule's edge falls")
    void findsEveryProblem(Learner learner, CheckVault vault, Random random) {
        Audit audit = fill(vault, random, 200 + random.nextInt(120)); // a vault of hundreds: 8 to 13 pages
        Map<String, SecretProperties> listed = new HashMap<>();
        List<Key> expected = expected(vault.admin(), audit.now(), audit.warningDays(), n -> true, listed);
        List<Finding> findings = auditVault(learner, vault, Clock.fixed(audit.now(), ZoneOffset.UTC), audit.warningDays());
        unless(findings != null, () -> "region " + REGION + " returned null: return the list of findings");
        requireSameFindings(expected, keys(findings), audit, listed);
    }

    @Order(2)
    @DisplayName("gives each finding its severity and fix")
    @Check(task = 1, region = REGION, hint = "see " + PAGE + "1: each Problem knows its severity and its fix")
    void givesSeverityAndFix(Learner learner, CheckVault vault, Random random) {
        Audit audit = fill(vault, random, 15 + random.nextInt(10));
        List<Finding> findings = auditVault(learner, vault, Clock.fixed(audit.now(), ZoneOffset.UTC), audit.warningDays());
        unless(findings != null && !findings.isEmpty(), () -> "region " + REGION + " found nothing in a vault with "
                + "problems");
        for (Finding f : findings) {
            unless(f.problem() != null && f.problem().severity() == f.severity(), () -> "region " + REGION + ": "
                    + f.name() + " " + f.problem() + " has severity " + f.severity() + ", the practice says "
                    + (f.problem() == null ? "?" : f.problem().severity()));
            unless(f.problem().fix().equals(f.fix()), () -> "region " + REGION + ": the fix of " + f.name() + " "
                    + f.problem() + " is " + RetrieveSecretsCheck.quote(f.fix()) + ", expected the practice's: "
                    + f.problem().fix());
        }
    }

    // ---- task 2 ----

    @Order(3)
    @DisplayName("puts the most severe findings first, then orders by practice and name")
    @Check(task = 2, region = REGION, hint = "see " + PAGE + "2: sort once, after collecting everything: by "
            + "severity, then by problem, then by secret name")
    void sortsBySeverity(Learner learner, CheckVault vault, Random random) {
        Audit audit = fill(vault, random, 26 + random.nextInt(15));
        Map<String, SecretProperties> listed = new HashMap<>();
        List<Key> expected = expected(vault.admin(), audit.now(), audit.warningDays(), n -> true, listed);
        List<Finding> findings = auditVault(learner, vault, Clock.fixed(audit.now(), ZoneOffset.UTC), audit.warningDays());
        unless(findings != null, () -> "region " + REGION + " returned null: return the list of findings");
        List<Key> actual = keys(findings);
        requireSameFindings(expected, actual, audit, listed);
        for (int i = 0; i < actual.size(); i++) {
            int at = i;
            unless(expected.get(i).equals(actual.get(i)), () -> "region " + REGION + ": finding " + (at + 1) + " is "
                    + actual.get(at) + ", expected " + expected.get(at)
                    + " (most severe first, then in the order of Problem, then by name)");
        }
    }

    // ---- task 3 ----

    @Order(4)
    @DisplayName("reads no secret value: the vault's audit log shows no SecretGet")
    @Check(task = 3, region = REGION, hint = "see " + PAGE + "3: the secrets' properties say everything an audit "
            + "needs; a reader of values is a bigger risk than the problems it finds")
    void readsNoValue(Learner learner, CheckVault vault, Random random) {
        Audit audit = fill(vault, random, 20 + random.nextInt(10));
        int before = vault.audit().size();
        vault.requests().clear();
        auditVault(learner, vault, Clock.fixed(audit.now(), ZoneOffset.UTC), audit.warningDays());
        List<AuditEvent> gets = vault.audit().subList(before, vault.audit().size()).stream()
                .filter(e -> e.operation().equals("SecretGet")).toList();
        unless(gets.isEmpty(), () -> "region " + REGION + " made the vault log " + gets.size() + " SecretGet event(s) "
                + "(first: " + gets.get(0).requestUri() + "): an audit reads no value");
        List<RequestLog.Request> lists = vault.requests().all().stream()
                .filter(r -> r.method().equals("GET") && r.path().equals("/secrets")).toList();
        unless(!lists.isEmpty(), () -> "region " + REGION + " never listed the vault's secrets");
    }

    // ---- on a real vault: only the run's own secrets are judged ----

    @Order(5)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("finds the problems of secrets stored with known flaws")
    @Check(task = 1, region = REGION, hint = "see " + PAGE + "1: judge each secret's latest properties against "
            + "each practice at the clock's instant")
    void findsKnownFlaws(Learner learner, CheckVault vault, Random random) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int warningDays = 5 + random.nextInt(56);
        String prefix = vault.name("");
        for (int i = 0; i < 4 + random.nextInt(4); i++) {
            Instant expires = expiry(random, now.plus(Duration.ofHours(1)), warningDays);
            store(vault, random, vault.name(TestData.name(random, "flawed" + i)), expires, random.nextInt(4) != 0,
                    random.nextBoolean());
        }
        Audit audit = new Audit(now, warningDays);
        Map<String, SecretProperties> listed = new HashMap<>();
        List<Key> expected = expected(vault.admin(), now, warningDays, n -> n.startsWith(prefix), listed);
        List<Finding> findings = auditVault(learner, vault, Clock.fixed(now, ZoneOffset.UTC), warningDays);
        unless(findings != null, () -> "region " + REGION + " returned null: return the list of findings");
        List<Key> ours = keys(findings).stream().filter(k -> k.name().startsWith(prefix)).toList();
        requireSameFindings(expected, ours, audit, listed);
        List<RequestLog.Request> reads = vault.requests().valueReads();
        unless(reads.isEmpty(), () -> "region " + REGION + " read " + reads.size() + " secret value(s): an audit "
                + "reads no value");
    }
}
