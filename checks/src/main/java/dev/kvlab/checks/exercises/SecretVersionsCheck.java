package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.quote;
import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.sameInstant;
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
import dev.kvlab.exercises.SecretVersions;
import dev.kvlab.exercises.SecretVersions.Fallback;
import dev.kvlab.exercises.SecretVersions.PinnedRead;
import dev.kvlab.exercises.SecretVersions.VersionRow;
import dev.kvlab.runtime.Mask;
import dev.kvlab.vault.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 5 (versions): every version listed with the properties the vault holds, newest first; one version read by
 * its id with one call; the fallback version chosen by the clock handed in, without reading a value.
 *
 * <p>On the local vault the check moves the vault's clock between versions (within the hour its tokens live), so
 * versions are created in the same second and minutes apart, and the listing's order (creation order) is not the
 * order of their creation dates.
 */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretVersionsCheck {
    static final String LIST = "LIST_VERSIONS";
    static final String READ = "READ_VERSION";
    static final String FALLBACK = "FALLBACK_VERSION";
    static final String PAGE = "docs/versions.md#";

    /** What one version should look like when the check creates it. */
    private record Planned(long offsetSeconds, boolean enabled, Instant expiresOn) {}

    /** A secret the check made, and its versions as the vault lists them. */
    private record Made(String name, List<SecretProperties> versions, Map<String, String> values) {
        SecretProperties version(String id) {
            return versions.stream().filter(v -> v.getVersion().equals(id)).findFirst().orElse(null);
        }
    }

    // ---- the calls into the learner's code: one place each ----

    private static List<VersionRow> listVersions(Learner learner, CheckVault vault, String name) {
        return learner.call("listVersions", vault.client(), name);
    }

    private static PinnedRead readVersion(Learner learner, CheckVault vault, String name, String version) {
        return learner.call("readVersion", vault.client(), name, version);
    }

    private static Fallback fallbackVersion(Learner learner, CheckVault vault, String name, Clock clock) {
        return learner.call("fallbackVersion", vault.client(), name, clock);
    }

    // ---- arranging the vault ----

    /**
     * Creates {@code name} with the planned versions. Locally each version is created at its planned offset (seconds
     * after the start; equal offsets share a second) in random order, then the clock moves past the last one and the
     * disabled versions are disabled, so their updatedOn differs from createdOn.
     */
    private static Made make(CheckVault vault, Random random, String name, List<Planned> plan) {
        Map<String, String> values = new HashMap<>();
        List<String> ids = new ArrayList<>();
        Instant start = null;
        SecretClient setup = vault.admin();
        if (vault.isLocal()) {
            // a client of its own whose token is issued now, before the clock moves back and forth within its hour
            setup = vault.clientAs(CheckVault.LEARNER);
            setup.listPropertiesOfSecrets().iterator().hasNext();
            start = vault.localVault().clock().now().truncatedTo(ChronoUnit.SECONDS).plusMillis(300);
        }
        long latest = 0;
        for (Planned p : plan) {
            if (start != null) {
                moveTo(vault, start.plusSeconds(p.offsetSeconds()));
                latest = Math.max(latest, p.offsetSeconds());
            }
            String value = TestData.longValue(random);
            Redaction.remember(value);
            KeyVaultSecret secret = new KeyVaultSecret(name, value);
            secret.getProperties().setContentType(TestData.contentType(random));
            if (p.expiresOn() != null) {
                secret.getProperties().setExpiresOn(p.expiresOn().atOffset(ZoneOffset.UTC));
            }
            KeyVaultSecret made = setup.setSecret(secret);
            ids.add(made.getProperties().getVersion());
            values.put(made.getProperties().getVersion(), value);
        }
        if (start != null) {
            moveTo(vault, start.plusSeconds(latest + 5 + random.nextInt(40)));
        }
        for (int i = 0; i < plan.size(); i++) {
            if (!plan.get(i).enabled()) {
                SecretProperties p = setup.getSecret(name, ids.get(i)).getProperties();
                setup.updateSecretProperties(p.setEnabled(false));
            }
        }
        List<SecretProperties> versions = new ArrayList<>();
        setup.listPropertiesOfSecretVersions(name).forEach(versions::add);
        vault.requests().clear();
        return new Made(name, versions, values);
    }

    private static void moveTo(CheckVault vault, Instant target) {
        var clock = vault.localVault().clock();
        clock.advance(Duration.between(clock.now(), target));
    }

    /** Offsets in seconds within the hour the admin's token lives: some equal, the rest minutes apart, shuffled. */
    private static List<Long> offsets(Random random, int count) {
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            offsets.add(i > 0 && random.nextInt(4) == 0 ? offsets.get(random.nextInt(i)) : 2 + random.nextInt(3000));
        }
        java.util.Collections.shuffle(offsets, random);
        return offsets;
    }

    private static boolean enabled(SecretProperties p) {
        return Boolean.TRUE.equals(p.isEnabled());
    }

    private static boolean usableAt(SecretProperties p, Instant now) {
        return enabled(p) && (p.getExpiresOn() == null || now.isBefore(p.getExpiresOn().toInstant()));
    }

    /** The versions an application may fall back to at {@code now}: the newest usable ones (ties share a second). */
    private static Set<String> fallbacks(List<SecretProperties> versions, Instant now) {
        OffsetDateTime newest = versions.stream().filter(v -> usableAt(v, now)).map(SecretProperties::getCreatedOn)
                .max(OffsetDateTime::compareTo).orElse(null);
        return versions.stream().filter(v -> usableAt(v, now) && v.getCreatedOn().isEqual(newest))
                .map(SecretProperties::getVersion).collect(Collectors.toSet());
    }

    // ---- task 1 ----

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("lists every version, newest first, with the enabled flag and the dates the vault holds")
    @Check(task = 1, region = LIST, hint = "see " + PAGE + "1: list the versions' properties, then order them by "
            + "their creation date; Key Vault lists them in no promised order")
    void listsEveryVersion(Learner learner, CheckVault vault, Random random) {
        int count = 5 + random.nextInt(5);
        List<Long> offsets = offsets(random, count);
        List<Planned> plan = new ArrayList<>();
        Instant soon = Instant.now().plus(Duration.ofDays(30 + random.nextInt(300))).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            plan.add(new Planned(offsets.get(i), i != 0 && random.nextInt(3) != 0,
                    random.nextBoolean() ? soon.plus(Duration.ofHours(random.nextInt(5000))) : null));
        }
        Made made = make(vault, random, vault.name(TestData.name(random, "versions")), plan);
        List<VersionRow> rows = listVersions(learner, vault, made.name());
        unless(rows != null, () -> "region " + LIST + " returned null: return one VersionRow per version");
        Set<String> seen = new HashSet<>();
        for (VersionRow row : rows) {
            unless(row != null && row.version() != null, () -> "region " + LIST + " returned a row without a version");
            unless(seen.add(row.version()), () -> "region " + LIST + " listed version " + row.version() + " twice");
            SecretProperties p = made.version(row.version());
            unless(p != null, () -> "region " + LIST + " listed " + quote(row.version()) + ", which is not a version of "
                    + made.name());
            unless(Objects.equals(p.isEnabled(), row.enabled()), () -> "region " + LIST + ": enabled of version "
                    + row.version() + " is " + row.enabled() + ", the vault has " + p.isEnabled());
            unless(sameInstant(p.getCreatedOn(), row.createdOn()), () -> "region " + LIST + ": createdOn of version "
                    + row.version() + " is " + row.createdOn() + ", the vault has " + p.getCreatedOn());
            unless(sameInstant(p.getUpdatedOn(), row.updatedOn()), () -> "region " + LIST + ": updatedOn of version "
                    + row.version() + " is " + row.updatedOn() + ", the vault has " + p.getUpdatedOn());
            unless(sameInstant(p.getExpiresOn(), row.expiresOn()), () -> "region " + LIST + ": expiresOn of version "
                    + row.version() + " is " + row.expiresOn() + ", the vault has " + p.getExpiresOn());
        }
        unless(rows.size() == made.versions().size(), () -> "region " + LIST + " returned " + rows.size()
                + " rows for the " + made.versions().size() + " versions of " + made.name()
                + " (some were created in the same second): one row per version");
        for (int i = 1; i < rows.size(); i++) {
            VersionRow before = rows.get(i - 1);
            VersionRow after = rows.get(i);
            int at = i;
            unless(!after.createdOn().isAfter(before.createdOn()), () -> "region " + LIST + ": row " + (at + 1)
                    + " (created " + after.createdOn() + ") comes after row " + at + " (created " + before.createdOn()
                    + "): newest first");
        }
    }

    @Order(2)
    @DisplayName("lists every page when a secret has more than 25 versions")
    @Check(task = 1, region = LIST, hint = "see " + PAGE + "1: the listing is paged; going through the whole "
            + "result, not just its first page, brings every version")
    void listsEveryPage(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "many"));
        int count = 26 + random.nextInt(10); // the vault answers 25 per page
        for (int i = 0; i < count; i++) {
            vault.put(name, TestData.value(random, 24), "text/plain", Map.of());
        }
        vault.requests().clear();
        List<VersionRow> rows = listVersions(learner, vault, name);
        int pages = (count + 24) / 25;
        // the request log tells a listing cut short from rows lost after it: one GET of the listing per page read
        long pagesRead = vault.requests().all().stream().filter(r -> r.method().equals("GET") && r.status() == 200
                && r.path().equals("/secrets/" + name + "/versions")).count();
        unless(rows != null, () -> "region " + LIST + " returned null for the " + count + " versions of " + name);
        long distinct = rows.stream().filter(Objects::nonNull).map(VersionRow::version).distinct().count();
        unless(pagesRead >= pages || distinct == count, () -> "region " + LIST + " returned " + rows.size()
                + " rows for the " + count + " versions of " + name + " on " + pages + " pages, and read "
                + pagesRead + " page(s) of the listing: read every page");
        unless(distinct == count, () -> "region " + LIST + " read all " + pages + " pages of the listing but "
                + "returned " + distinct + " distinct versions of the " + count + " of " + name + ": rows were lost "
                + "after reading (these versions were created in the same second; a map keyed by date keeps one "
                + "per second): one row per version");
    }

    @Order(3)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reads no secret value while listing versions")
    @Check(task = 1, region = LIST, hint = "see " + PAGE + "1: the listing already carries every property a row "
            + "needs; reading a version's value is not needed, and a disabled one cannot even be read")
    void listingReadsNoValue(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "quiet"));
        for (int i = 0; i < 2 + random.nextInt(3); i++) {
            vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        }
        int before = vault.isLocal() ? vault.audit().size() : 0;
        vault.requests().clear();
        listVersions(learner, vault, name);
        requireNoValueRead(vault, before, LIST);
    }

    private static void requireNoValueRead(CheckVault vault, int auditBefore, String region) {
        List<RequestLog.Request> reads = vault.requests().valueReads();
        unless(reads.isEmpty(), () -> "region " + region + " read " + reads.size() + " secret value(s) (first: GET "
                + reads.get(0).path() + "): versions' properties are enough, read no value"
                + (region.equals(FALLBACK) ? " (task 3: choosing needs none either)" : ""));
        if (vault.isLocal()) {
            List<AuditEvent> gets = vault.audit().subList(auditBefore, vault.audit().size()).stream()
                    .filter(e -> e.operation().equals("SecretGet")).toList();
            unless(gets.isEmpty(), () -> "region " + region + " made the vault log " + gets.size()
                    + " SecretGet event(s): read no value");
        }
    }

    // ---- task 2 ----

    @Order(4)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reads the version asked for by its id, with one call, value masked")
    @Check(task = 2, region = READ, hint = "see " + PAGE + "2: one read that names the version; the latest is "
            + "another version, and listing first costs a call the task does not need")
    void readsThePinnedVersion(Learner learner, CheckVault vault, Random random) {
        int count = 3 + random.nextInt(4);
        List<Long> offsets = offsets(random, count);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            plan.add(new Planned(offsets.get(i), true, null));
        }
        Made made = make(vault, random, vault.name(TestData.name(random, "pinned")), plan);
        SecretProperties latest = vault.admin().getSecret(made.name()).getProperties();
        List<SecretProperties> older = made.versions().stream()
                .filter(v -> !v.getVersion().equals(latest.getVersion())).toList();
        SecretProperties asked = older.get(random.nextInt(older.size()));
        String value = made.values().get(asked.getVersion());
        PinnedRead read = readVersion(learner, vault, made.name(), asked.getVersion());
        unless(read != null, () -> "region " + READ + " returned null: return the PinnedRead of the version asked for");
        List<RequestLog.Request> calls = vault.requests().all();
        String path = "/secrets/" + made.name() + "/" + asked.getVersion();
        unless(calls.size() == 1 && calls.get(0).method().equals("GET") && calls.get(0).path().equals(path),
                () -> "region " + READ + " sent " + calls.stream().map(c -> c.method() + " " + c.path())
                        .collect(Collectors.joining(", ")) + "; expected exactly one GET " + path);
        unless(asked.getVersion().equals(read.version()), () -> "region " + READ + ": version is "
                + quote(read.version()) + ", expected the version asked for, " + asked.getVersion());
        unless(read.value() == null || read.value().endsWith("..."), () -> "region " + READ + ": the value is not "
                + "masked (" + read.value().length() + " characters): report Mask.value(...) of it");
        unless(Mask.value(value).equals(read.value()), () -> "region " + READ + ": value is " + quote(read.value())
                + ", expected that version's value masked, " + quote(Mask.value(value)));
        unless(sameInstant(asked.getCreatedOn(), read.createdOn()), () -> "region " + READ + ": createdOn is "
                + read.createdOn() + ", version " + asked.getVersion() + " was created on " + asked.getCreatedOn());
    }

    // ---- task 3 ----

    /**
     * A plan whose answer at {@code now} cannot be found by a shortcut: the latest version is disabled, the newest
     * enabled one has expired (or expires exactly now), an older one is the answer, and the wall clock says otherwise.
     */
    private static List<Planned> fallbackPlan(Random random, Instant now, long wallDays, boolean local) {
        int count = 5 + random.nextInt(4);
        List<Planned> plan = new ArrayList<>();
        // in date order: [oldest (usable), older..., answer, expired or disabled..., newest enabled (expired), latest
        // (disabled)]
        int answer = count - 3 - random.nextInt(count - 4); // 2 .. count - 3
        long apart = Math.abs(wallDays) * 86400;
        for (int i = 0; i < count; i++) {
            Instant expires;
            boolean enabled;
            if (i == count - 1) {
                enabled = false; // the latest: a broken rotation, disabled
                expires = random.nextBoolean() ? null : now.plus(Duration.ofDays(1 + random.nextInt(90)));
            } else if (i == count - 2) {
                // expired by the clock handed in (exactly at it when it is after the wall clock), not by the wall clock
                enabled = true;
                expires = wallDays > 0 ? now : now.minusSeconds(1 + random.nextInt((int) Math.min(apart - 1, 86400 * 20)));
            } else if (i == answer) {
                enabled = true; // unexpired by the clock handed in; expired by the wall clock when that is later
                expires = wallDays > 0 && random.nextBoolean() ? null
                        : now.plusSeconds(1 + random.nextInt((int) Math.min(apart - 3600, 86400 * 20)));
            } else if (i == 0) {
                enabled = true; // an older usable one: the first or last usable one listed is not the answer
                expires = random.nextBoolean() ? null : now.plus(Duration.ofDays(30 + random.nextInt(60)));
            } else if (i > answer) {
                enabled = random.nextBoolean();
                expires = enabled ? now.minus(Duration.ofHours(1 + random.nextInt(400)))
                        : now.plus(Duration.ofDays(1 + random.nextInt(90)));
            } else {
                enabled = random.nextBoolean();
                expires = random.nextBoolean() ? null : now.plus(Duration.ofDays(random.nextInt(60) - 30));
            }
            long offset = local ? 2 + (long) i * 60 + random.nextInt(50) : i;
            plan.add(new Planned(offset, enabled, expires));
        }
        if (local && wallDays < 0) {
            java.util.Collections.reverse(plan); // created newest first, dated by the plan: the listing's order misleads
        }
        return plan;
    }

    @Order(5)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("falls back to the newest version that is enabled and not expired, by the clock handed in")
    @Check(task = 3, region = FALLBACK, hint = "see " + PAGE + "3: of the versions that are enabled and not yet "
            + "expired at the clock's instant, take the one created last; the latest may be neither")
    void fallsBackToNewestUsable(Learner learner, CheckVault vault, Random random) {
        for (int round = 0; round < 2; round++) {
            // the clock handed in is weeks before, then weeks after the wall clock: the wall clock gives other answers.
            // The first round puts no expiry exactly on the clock's instant, so a wrong answer there that the wall
            // clock explains comes from the wall clock, and the message can ask about it; the second round holds the
            // expiry edge, where both mistakes would pick the same version.
            long days = (10 + random.nextInt(50)) * (round == 0 ? -1 : 1);
            Instant now = Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
            Made made = make(vault, random, vault.name(TestData.name(random, "fallback")),
                    fallbackPlan(random, now, days, vault.isLocal()));
            Set<String> expected = fallbacks(made.versions(), now);
            Fallback fallback = fallbackVersion(learner, vault, made.name(), Clock.fixed(now, ZoneOffset.UTC));
            Set<String> byWallClock = round == 0 ? fallbacks(made.versions(), Instant.now()) : null;
            String wallClock = "; that is the answer by the machine's clock, weeks from the clock handed in: did you "
                    + "read the clock handed in?";
            unless(fallback != null, () -> "region " + FALLBACK + " returned null, but at " + now + " version "
                    + expected.iterator().next() + " is enabled and not expired"
                    + (byWallClock != null && byWallClock.isEmpty() ? wallClock : ""));
            unless(expected.contains(fallback.version()), () -> {
                SecretProperties p = made.version(fallback.version());
                Instant expires = p == null || p.getExpiresOn() == null ? null : p.getExpiresOn().toInstant();
                String why = p == null ? "not a version of " + made.name()
                        : !enabled(p) ? "disabled"
                        : expires != null && expires.equals(now) ? "expired: its expiresOn is exactly the clock's "
                                + "instant, " + now + ", and from its expiresOn on a version is expired (usable only "
                                + "while the clock's instant is before expiresOn)"
                        : expires != null && expires.isBefore(now) ? "expired: its expiresOn, " + p.getExpiresOn()
                                + ", is before the clock's instant, " + now
                        : "older than " + expected.iterator().next();
                return "region " + FALLBACK + " chose version " + quote(fallback.version()) + ", which is " + why
                        + "; expected " + String.join(" or ", expected)
                        + (byWallClock != null && byWallClock.contains(fallback.version()) ? wallClock : "");
            });
            SecretProperties chosen = made.version(fallback.version());
            unless(sameInstant(chosen.getCreatedOn(), fallback.createdOn()), () -> "region " + FALLBACK
                    + ": createdOn is " + fallback.createdOn() + ", the version was created on " + chosen.getCreatedOn());
            unless(sameInstant(chosen.getExpiresOn(), fallback.expiresOn()), () -> "region " + FALLBACK
                    + ": expiresOn is " + fallback.expiresOn() + ", the version expires on " + chosen.getExpiresOn());
        }
    }

    @Order(6)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("answers null when no version is enabled and unexpired")
    @Check(task = 3, region = FALLBACK, hint = "see " + PAGE + "3: when no version qualifies there is nothing to "
            + "fall back to: say so with null instead of picking one anyway")
    void noFallbackIsNull(Learner learner, CheckVault vault, Random random) {
        Instant now = Instant.now().plus(Duration.ofDays(random.nextInt(40) - 20)).truncatedTo(ChronoUnit.SECONDS);
        int count = 2 + random.nextInt(4);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean enabled = i == 0 || random.nextBoolean();
            plan.add(new Planned(i, enabled, enabled ? now.minus(Duration.ofMinutes(random.nextInt(100000))) : null));
        }
        Made made = make(vault, random, vault.name(TestData.name(random, "spent")), plan);
        Fallback fallback = fallbackVersion(learner, vault, made.name(), Clock.fixed(now, ZoneOffset.UTC));
        unless(fallback == null, () -> "region " + FALLBACK + " chose version " + quote(fallback.version())
                + ", but at " + now + " every version of " + made.name() + " is disabled or expired: return null");
    }

    // ---- task 4 ----

    @Order(7)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("gives the Key Vault reference pinned to the fallback version, and reads no value")
    @Check(task = 4, region = FALLBACK, hint = "see " + PAGE + "4: a pinned reference names the version's own "
            + "URI, which its properties carry; no value is needed to find it")
    void pinsTheReference(Learner learner, CheckVault vault, Random random) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int count = 2 + random.nextInt(3);
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            plan.add(new Planned(i * 90L, i < count - 1, i == 0 ? null : now.plus(Duration.ofDays(90))));
        }
        Made made = make(vault, random, vault.name(TestData.name(random, "pinned")), plan);
        int before = vault.isLocal() ? vault.audit().size() : 0;
        Fallback fallback = fallbackVersion(learner, vault, made.name(), Clock.fixed(now, ZoneOffset.UTC));
        requireNoValueRead(vault, before, FALLBACK);
        unless(fallback != null && fallback.version() != null, () -> "region " + FALLBACK + " found no version to fall "
                + "back to, but " + String.join(" or ", fallbacks(made.versions(), now)) + " is enabled and unexpired");
        SecretProperties chosen = made.version(fallback.version());
        unless(chosen != null, () -> "region " + FALLBACK + " chose " + quote(fallback.version())
                + ", not a version of " + made.name());
        String expected = "@Microsoft.KeyVault(SecretUri=" + chosen.getId() + ")";
        unless(expected.equals(fallback.pinnedReference()), () -> "region " + FALLBACK + ": pinnedReference is "
                + quote(fallback.pinnedReference()) + ", expected " + expected
                + " (the version's own URI: a versionless one would follow the latest instead)");
    }
}
