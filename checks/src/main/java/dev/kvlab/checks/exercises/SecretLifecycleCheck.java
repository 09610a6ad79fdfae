package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.quote;
import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.sameInstant;
import static dev.kvlab.checks.support.CheckFailed.unless;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckFailed;
import dev.kvlab.checks.support.CheckVault;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.LearnerThrew;
import dev.kvlab.checks.support.Redaction;
import dev.kvlab.checks.support.RequestLog;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.SecretLifecycle;
import dev.kvlab.exercises.SecretLifecycle.Deleted;
import dev.kvlab.exercises.SecretLifecycle.Purge;
import dev.kvlab.exercises.SecretLifecycle.Recovery;
import dev.kvlab.exercises.SecretLifecycle.Stored;
import dev.kvlab.exercises.SecretLifecycle.VersionState;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Seed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 6 (lifecycle): expiry from the clock handed in, one version disabled and enabled, soft delete as the vault
 * lists it, recovery, purge, and the three refusals (409 on a deleted name, 404 on recovering a purged one, 403 on
 * purging under purge protection). The learner's pollers get a poll interval of a few milliseconds, so no check waits
 * the SDK's default second; retention and purge protection, fixed when a vault starts, come from a vault the check
 * starts for itself.
 */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretLifecycleCheck {
    static final String STORE = "STORE_SECRET";
    static final String ENABLE = "SET_ENABLED";
    static final String DELETE = "DELETE_SECRET";
    static final String RECOVER = "RECOVER_SECRET";
    static final String PURGE = "PURGE_SECRET";
    static final String PAGE = "docs/lifecycle.md#";
    static final Duration POLL = Duration.ofMillis(10);
    /** A real vault takes seconds to delete: poll it as gently as the SDK's default does. */
    static final Duration REAL_POLL = Duration.ofSeconds(1);

    // ---- the calls into the learner's code: one place each ----

    private static Stored storeSecret(Learner learner, CheckVault vault, String name, String value, Clock clock, Duration activateIn) {
        return learner.call("storeSecret", vault.client(), name, value, clock, activateIn);
    }

    private static VersionState setEnabled(Learner learner, CheckVault vault, String name, String version, boolean enabled) {
        return learner.call("setEnabled", vault.client(), name, version, enabled);
    }

    private static Deleted deleteSecret(Learner learner, CheckVault vault, String name) {
        return learner.call("deleteSecret", vault.client(), name, poll(vault));
    }

    private static Recovery recoverSecret(Learner learner, CheckVault vault, String name) {
        return learner.call("recoverSecret", vault.client(), name, poll(vault));
    }

    private static Purge purgeSecret(Learner learner, CheckVault vault, String name) {
        return learner.call("purgeSecret", vault.client(), name, poll(vault));
    }

    private static Duration poll(CheckVault vault) {
        return vault.isLocal() ? POLL : REAL_POLL;
    }

    // ---- arranging and inspecting the vault (the check's own, unrecorded client) ----

    /** A vault the check starts for itself: empty, with this retention and purge protection setting. */
    private static LocalVault vaultWith(int retentionDays, boolean purgeProtection) {
        return LocalVault.builder().seed(Seed.NONE).retentionDays(LocalVault.DEFAULT_VAULT, retentionDays)
                .purgeProtection(LocalVault.DEFAULT_VAULT, purgeProtection).start();
    }

    /** A secret with {@code count} versions, the vault's clock moved on between them (stage 1). */
    private static List<KeyVaultSecret> secretWithVersions(CheckVault vault, Random random, String name, int count) {
        List<KeyVaultSecret> versions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            versions.add(vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random)));
            later(vault, random);
        }
        return versions;
    }

    /** Moves the local vault's clock on by some minutes, so dates of successive steps differ. */
    private static void later(CheckVault vault, Random random) {
        if (vault.isLocal()) {
            vault.localVault().clock().advance(Duration.ofMinutes(1 + random.nextInt(50)).plusSeconds(random.nextInt(60)));
        }
    }

    private static void softDelete(CheckVault vault, String name) {
        vault.admin().beginDeleteSecret(name).setPollInterval(poll(vault)).waitForCompletion(Duration.ofSeconds(60));
    }

    private static DeletedSecret deletedOrNull(SecretClient client, String name) {
        try {
            return client.getDeletedSecret(name);
        } catch (HttpResponseException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static KeyVaultSecret latestOrNull(SecretClient client, String name) {
        try {
            return client.getSecret(name);
        } catch (HttpResponseException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static SecretProperties liveOrNull(SecretClient client, String name) {
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            if (p.getName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    private static Map<String, SecretProperties> versions(SecretClient client, String name) {
        Map<String, SecretProperties> byVersion = new HashMap<>();
        client.listPropertiesOfSecretVersions(name).forEach(p -> byVersion.put(p.getVersion(), p));
        return byVersion;
    }

    /** Stage 2: a secret the learner left deleted is recovered, so the run's clean-up can delete and purge it. */
    private static void recoverForCleanUp(CheckVault vault, String name) {
        if (!vault.isLocal() && deletedOrNull(vault.admin(), name) != null) {
            vault.admin().beginRecoverDeletedSecret(name).setPollInterval(Duration.ofMillis(250))
                    .waitForCompletion(Duration.ofSeconds(60));
        }
    }

    /** A clock weeks away from the wall clock, at an instant with milliseconds (the vault keeps whole seconds). */
    private static Clock clock(Random random) {
        Instant now = Instant.now().plus(Duration.ofDays(random.nextInt(120) - 60)).plusMillis(1 + random.nextInt(998));
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    private static boolean withinASecond(Instant expected, OffsetDateTime actual) {
        return actual != null && Math.abs(Duration.between(expected, actual.toInstant()).toMillis()) < 1000;
    }

    private static void requireNoValueRead(CheckVault vault, String region) {
        List<RequestLog.Request> reads = vault.requests().valueReads();
        unless(reads.isEmpty(), () -> "region " + region + " read " + reads.size() + " secret value(s) (first: GET "
                + reads.get(0).path() + "): the task needs no value");
    }

    // ---- task 1 ----

    private void storesWithExpiry(Learner learner, CheckVault vault, Random random, Duration activateIn) {
        String name = vault.name(TestData.name(random, "expiring"));
        if (random.nextBoolean()) {
            vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
            later(vault, random);
        }
        String value = TestData.longValue(random);
        Redaction.remember(value);
        Clock clock = clock(random);
        vault.requests().clear();
        Stored stored = storeSecret(learner, vault, name, value, clock, activateIn);
        unless(stored != null, () -> "region " + STORE + " returned null: return what was stored");
        long sets = vault.requests().all().stream().filter(RequestLog.Request::setsValue).count();
        unless(sets == 1, () -> "region " + STORE + " called setSecret " + sets + " times: one call stores the version "
                + "with its dates");
        RequestLog.Request set = vault.requests().all().stream().filter(RequestLog.Request::setsValue).findFirst()
                .orElseThrow();
        unless(set.status() / 100 == 2, () -> "region " + STORE + ": the vault refused its setSecret with "
                + set.status() + " (nothing was stored), and it reported outcome " + quote(stored.outcome())
                + ": only a 409 means a deleted name, so test the status code, not the exception's type");
        // the vault's answer must become this check's verdict, never the check's own error: a name the learner did not
        // store (half the runs make it fresh) would otherwise end the check with a 404 and no region or task
        KeyVaultSecret latest = latestOrNull(vault.admin(), name);
        unless(latest != null, () -> "region " + STORE + " stored nothing: the vault has no secret named " + name
                + " (outcome " + quote(stored.outcome()) + "); store the value handed in with one setSecret");
        SecretProperties p = latest.getProperties();
        unless(value.equals(latest.getValue()), () -> "region " + STORE + ": the latest version of " + name
                + " does not hold the value handed in");
        Instant expires = clock.instant().plus(SecretLifecycle.EXPIRY);
        unless(withinASecond(expires, p.getExpiresOn()), () -> "region " + STORE + ": the new version expires on "
                + p.getExpiresOn() + ", expected 180 days after the clock's instant " + clock.instant() + ", "
                + expires.atOffset(ZoneOffset.UTC));
        if (activateIn == null) {
            unless(p.getNotBefore() == null, () -> "region " + STORE + ": the new version is not valid before "
                    + p.getNotBefore() + ", but no not-before was asked for (activateIn is null)");
        } else {
            Instant notBefore = clock.instant().plus(activateIn);
            unless(withinASecond(notBefore, p.getNotBefore()), () -> "region " + STORE + ": the new version is not "
                    + "valid before " + p.getNotBefore() + ", expected the clock's instant plus activateIn, "
                    + notBefore.atOffset(ZoneOffset.UTC));
        }
        unless(SecretLifecycle.STORED.equals(stored.outcome()), () -> "region " + STORE + ": outcome is "
                + quote(stored.outcome()) + ", expected " + quote(SecretLifecycle.STORED));
        unless(name.equals(stored.name()), () -> "region " + STORE + ": name is " + quote(stored.name()));
        unless(Objects.equals(p.getVersion(), stored.version()), () -> "region " + STORE + ": version is "
                + quote(stored.version()) + ", the vault made " + p.getVersion());
        unless(sameInstant(p.getExpiresOn(), stored.expiresOn()), () -> "region " + STORE + ": expiresOn is "
                + stored.expiresOn() + ", the vault stored " + p.getExpiresOn() + " (report what the vault returned)");
        unless(sameInstant(p.getNotBefore(), stored.notBefore()), () -> "region " + STORE + ": notBefore is "
                + stored.notBefore() + ", the vault stored " + p.getNotBefore() + " (report what the vault returned)");
    }

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("stores a version that expires 180 days after the clock's instant")
    @Check(task = 1, region = STORE, hint = "see " + PAGE + "1: the expiry is a property of the version you set, "
            + "counted from the clock handed in; report the dates the vault sends back")
    void storesWithExpiry(Learner learner, CheckVault vault, Random random) {
        storesWithExpiry(learner, vault, random, null);
    }

    @Order(2)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("sets a not-before date when asked")
    @Check(task = 1, region = STORE, hint = "see " + PAGE + "1: a version can also carry the instant it becomes "
            + "valid: the clock's instant plus activateIn, when activateIn is given")
    void storesWithNotBefore(Learner learner, CheckVault vault, Random random) {
        storesWithExpiry(learner, vault, random, Duration.ofHours(1 + random.nextInt(24 * 20)).plusMinutes(random.nextInt(60)));
    }

    @Order(3)
    @DisplayName("reports a deleted, unpurged name (409 Conflict) and changes nothing")
    @Check(task = 1, region = STORE, hint = "see " + PAGE + "1: Key Vault refuses to set a name that is deleted "
            + "but recoverable; recognise that answer by its status and report it; recovering or purging is "
            + "someone's decision, not a side effect")
    void deletedNameIsReported(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "deleted"));
        vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        softDelete(vault, name);
        DeletedSecret before = vault.admin().getDeletedSecret(name);
        String value = TestData.longValue(random);
        Redaction.remember(value);
        vault.requests().clear();
        Stored stored;
        try {
            stored = storeSecret(learner, vault, name, value, clock(random), null);
        } catch (LearnerThrew e) {
                if (!e.isA(HttpResponseException.class)) {
                    throw e;
                }
            throw new CheckFailed("region " + STORE + " stopped with " + e.simpleName() + " ("
                    + e.status() + ") on a deleted name: recognise the 409 and report "
                    + quote(SecretLifecycle.NAME_DELETED));
        }
        Stored result = stored;
        unless(result != null && SecretLifecycle.NAME_DELETED.equals(result.outcome()), () -> "region " + STORE
                + ": outcome is " + (result == null ? "null" : quote(result.outcome())) + " for a name that is deleted "
                + "but not purged, expected " + quote(SecretLifecycle.NAME_DELETED));
        unless(result.version() == null, () -> "region " + STORE + ": reported version " + quote(result.version())
                + ", but nothing was stored");
        DeletedSecret after = deletedOrNull(vault.admin(), name);
        unless(after != null && sameInstant(before.getDeletedOn(), after.getDeletedOn())
                        && liveOrNull(vault.admin(), name) == null,
                () -> "region " + STORE + " changed the deleted secret " + name + " (recovered, purged or replaced it): "
                        + "leave it as it is and report the conflict");
    }

    // ---- task 2 ----

    @Order(4)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("disables one version and leaves the others as they were, reading no value")
    @Check(task = 2, region = ENABLE, hint = "see " + PAGE + "2: update the properties of the version asked for, "
            + "not of the latest; the version list describes every version without reading one")
    void disablesOneVersion(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "toggle"));
        List<KeyVaultSecret> made = secretWithVersions(vault, random, name, 3 + random.nextInt(3));
        String target = made.get(random.nextInt(made.size() - 1)).getProperties().getVersion(); // never the latest
        Map<String, SecretProperties> before = versions(vault.admin(), name);
        vault.requests().clear();
        VersionState state = setEnabled(learner, vault, name, target, false);
        Map<String, SecretProperties> after = versions(vault.admin(), name);
        unless(Boolean.FALSE.equals(after.get(target).isEnabled()), () -> "region " + ENABLE + ": version " + target
                + " is still enabled");
        for (Map.Entry<String, SecretProperties> e : before.entrySet()) {
            if (!e.getKey().equals(target)) {
                SecretProperties now = after.get(e.getKey());
                unless(Objects.equals(e.getValue().isEnabled(), now.isEnabled())
                                && sameInstant(e.getValue().getUpdatedOn(), now.getUpdatedOn()),
                        () -> "region " + ENABLE + " changed version " + e.getKey() + " too; only " + target
                                + " was asked for");
            }
        }
        requireNoValueRead(vault, ENABLE);
        SecretProperties p = after.get(target);
        unless(state != null, () -> "region " + ENABLE + " returned null: return the version's state");
        unless(target.equals(state.version()) && Boolean.FALSE.equals(state.enabled()), () -> "region " + ENABLE
                + " reported version " + quote(state.version()) + " enabled=" + state.enabled() + ", expected "
                + target + " enabled=false");
        unless(sameInstant(p.getUpdatedOn(), state.updatedOn()), () -> "region " + ENABLE + ": updatedOn is "
                + state.updatedOn() + ", the vault updated the version on " + p.getUpdatedOn());
    }

    @Order(5)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("enables a disabled version again")
    @Check(task = 2, region = ENABLE, hint = "see " + PAGE + "2: a disabled version cannot be read (403), so "
            + "its properties must come from somewhere that still describes it")
    void enablesADisabledVersion(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "revive"));
        List<KeyVaultSecret> made = secretWithVersions(vault, random, name, 2 + random.nextInt(3));
        String target = made.get(random.nextInt(made.size())).getProperties().getVersion();
        SecretProperties off = vault.admin().getSecret(name, target).getProperties().setEnabled(false);
        vault.admin().updateSecretProperties(off);
        later(vault, random);
        vault.requests().clear();
        VersionState state;
        try {
            state = setEnabled(learner, vault, name, target, true);
        } catch (LearnerThrew e) {
                if (!e.isA(HttpResponseException.class)) {
                    throw e;
                }
            throw new CheckFailed("region " + ENABLE + " stopped with " + e.status() + " ("
                    + e.simpleName() + ") enabling the disabled version " + target
                    + ": a disabled version cannot be read");
        }
        SecretProperties p = versions(vault.admin(), name).get(target);
        unless(Boolean.TRUE.equals(p.isEnabled()), () -> "region " + ENABLE + ": version " + target
                + " is still disabled");
        VersionState s = state;
        unless(s != null && Boolean.TRUE.equals(s.enabled()) && sameInstant(p.getUpdatedOn(), s.updatedOn()),
                () -> "region " + ENABLE + " reported " + s + ", the vault has enabled=" + p.isEnabled()
                        + ", updatedOn " + p.getUpdatedOn());
    }

    // ---- task 3 ----

    @Order(6)
    @DisplayName("soft-deletes a secret and reports it as the vault lists it among deleted secrets")
    @Check(task = 3, region = DELETE, hint = "see " + PAGE + "3: deleting is a long-running operation; after it "
            + "finishes, the deleted secret (with its recovery id and dates) is listed apart from the live ones")
    void deletesSoftly(Learner learner, CheckVault vault, Random random) {
        int retention = 7 + random.nextInt(84);
        try (LocalVault own = vaultWith(retention, random.nextBoolean())) {
            CheckVault v = vault.on(own);
            String name = v.name(TestData.name(random, "bin"));
            secretWithVersions(v, random, name, 1 + random.nextInt(3));
            for (int i = 0; i < random.nextInt(3); i++) { // other deleted secrets in the bin
                String other = v.name(TestData.name(random, "other"));
                v.put(other, TestData.longValue(random), "text/plain", Map.of());
                softDelete(v, other);
            }
            later(v, random);
            Deleted deleted = deleteSecret(learner, v, name);
            DeletedSecret expected = deletedOrNull(v.admin(), name);
            unless(expected != null && liveOrNull(v.admin(), name) == null, () -> "region " + DELETE + " did not "
                    + "delete " + name + ": it is still among the live secrets");
            unless(deleted != null, () -> "region " + DELETE + " returned null: return the deleted secret as listed");
            unless(name.equals(deleted.name()), () -> "region " + DELETE + ": name is " + quote(deleted.name())
                    + ", expected " + name);
            unless(Objects.equals(expected.getRecoveryId(), deleted.recoveryId()), () -> "region " + DELETE
                    + ": recoveryId is " + quote(deleted.recoveryId()) + ", the vault has " + expected.getRecoveryId());
            unless(sameInstant(expected.getDeletedOn(), deleted.deletedOn()), () -> "region " + DELETE
                    + ": deletedOn is " + deleted.deletedOn() + ", the vault deleted it on " + expected.getDeletedOn());
            unless(sameInstant(expected.getScheduledPurgeDate(), deleted.scheduledPurgeDate()), () -> "region "
                    + DELETE + ": scheduledPurgeDate is " + deleted.scheduledPurgeDate() + ", the vault will purge it on "
                    + expected.getScheduledPurgeDate() + " (this vault keeps deleted secrets " + retention + " days)");
            requireNoValueRead(v, DELETE);
        }
    }

    @Order(7)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("a deleted secret leaves the live list and can be found among deleted secrets")
    @Check(task = 3, region = DELETE, hint = "see " + PAGE + "3: wait for the delete to finish, then look among "
            + "the deleted secrets")
    void deletedSecretIsListed(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "gone"));
        vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        try {
            Deleted deleted = deleteSecret(learner, vault, name);
            DeletedSecret expected = deletedOrNull(vault.admin(), name);
            unless(expected != null, () -> "region " + DELETE + " did not delete " + name);
            unless(deleted != null && Objects.equals(expected.getRecoveryId(), deleted.recoveryId())
                    && sameInstant(expected.getDeletedOn(), deleted.deletedOn()), () -> "region " + DELETE
                    + " reported " + deleted + ", the vault lists " + expected.getRecoveryId() + " deleted on "
                    + expected.getDeletedOn());
        } finally {
            recoverForCleanUp(vault, name);
        }
    }

    // ---- task 4 ----

    @Order(8)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("recovers a deleted secret with every version")
    @Check(task = 4, region = RECOVER, hint = "see " + PAGE + "4: recovery is a long-running operation too; "
            + "wait until the secret is back")
    void recoversWithEveryVersion(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "undo"));
        secretWithVersions(vault, random, name, 2 + random.nextInt(3));
        Map<String, SecretProperties> before = versions(vault.admin(), name);
        softDelete(vault, name);
        vault.requests().clear();
        Recovery recovery;
        try {
            recovery = recoverSecret(learner, vault, name);
        } finally {
            recoverForCleanUp(vault, name);
        }
        List<RequestLog.Request> recovers = vault.requests().all().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/recover")).toList();
        unless(recovers.size() == 1, () -> "region " + RECOVER + " asked the vault to recover " + recovers.size()
                + " times, expected once");
        unless(liveOrNull(vault.admin(), name) != null, () -> "region " + RECOVER + " did not bring " + name
                + " back: it is still deleted (wait for the recovery to finish)");
        Map<String, SecretProperties> after = versions(vault.admin(), name);
        unless(after.keySet().equals(before.keySet()), () -> "region " + RECOVER + ": " + name + " came back with "
                + after.size() + " versions, it had " + before.size() + " (a recovery brings back every version)");
        unless(recovery != null && SecretLifecycle.RECOVERED.equals(recovery.outcome()), () -> "region " + RECOVER
                + ": outcome is " + (recovery == null ? "null" : quote(recovery.outcome())) + ", expected "
                + quote(SecretLifecycle.RECOVERED));
    }

    @Order(9)
    @DisplayName("answers nothing to recover for a purged name (404)")
    @Check(task = 4, region = RECOVER, hint = "see " + PAGE + "4: a purged (or never deleted) name is not found "
            + "among deleted secrets; recognise that answer and report it")
    void purgedNameHasNothingToRecover(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "purged"));
        vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        softDelete(vault, name);
        vault.admin().purgeDeletedSecret(name);
        Recovery recovery;
        try {
            recovery = recoverSecret(learner, vault, name);
        } catch (LearnerThrew e) {
                if (!e.isA(HttpResponseException.class)) {
                    throw e;
                }
            throw new CheckFailed("region " + RECOVER + " stopped with " + e.status() + " ("
                    + e.simpleName() + ") for a purged name: report "
                    + quote(SecretLifecycle.NOTHING_TO_RECOVER));
        }
        Recovery r = recovery;
        unless(r != null && SecretLifecycle.NOTHING_TO_RECOVER.equals(r.outcome()), () -> "region " + RECOVER
                + ": outcome is " + (r == null ? "null" : quote(r.outcome())) + " for a purged name, expected "
                + quote(SecretLifecycle.NOTHING_TO_RECOVER));
    }

    // ---- task 5 ----

    @Order(10)
    @DisplayName("purges a secret for good")
    @Check(task = 5, region = PURGE, hint = "see " + PAGE + "5: only a deleted secret can be purged: delete it, "
            + "wait for the delete to finish, then purge")
    void purgesForGood(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "shred"));
        secretWithVersions(vault, random, name, 1 + random.nextInt(3));
        Purge purge = purgeSecret(learner, vault, name);
        unless(liveOrNull(vault.admin(), name) == null, () -> "region " + PURGE + " left " + name + " live");
        unless(deletedOrNull(vault.admin(), name) == null, () -> "region " + PURGE + " left " + name
                + " deleted but recoverable: purge it");
        unless(purge != null && SecretLifecycle.PURGED.equals(purge.outcome()) && purge.scheduledPurgeDate() == null,
                () -> "region " + PURGE + " reported " + purge + ", expected outcome " + quote(SecretLifecycle.PURGED)
                        + " and no scheduled purge date");
    }

    @Order(11)
    @DisplayName("reports purge protection (403) and leaves the secret recoverable")
    @Check(task = 5, region = PURGE, hint = "see " + PAGE + "5: under purge protection the vault refuses the "
            + "purge; recognise that answer, report it with the date the vault will purge the secret by itself")
    void purgeProtectionIsReported(Learner learner, CheckVault vault, Random random) {
        int retention = 7 + random.nextInt(84);
        try (LocalVault own = vaultWith(retention, true)) {
            CheckVault v = vault.on(own);
            String name = v.name(TestData.name(random, "kept"));
            secretWithVersions(v, random, name, 1 + random.nextInt(2));
            Purge purge;
            try {
                purge = purgeSecret(learner, v, name);
            } catch (LearnerThrew e) {
                    if (!e.isA(HttpResponseException.class)) {
                        throw e;
                    }
                throw new CheckFailed("region " + PURGE + " stopped with " + e.status() + " ("
                        + e.simpleName() + ") on a vault with purge protection: report "
                        + quote(SecretLifecycle.PURGE_PROTECTED));
            }
            DeletedSecret deleted = deletedOrNull(v.admin(), name);
            unless(deleted != null, () -> "region " + PURGE + ": " + name + " is no longer among the deleted secrets");
            Purge p = purge;
            unless(p != null && SecretLifecycle.PURGE_PROTECTED.equals(p.outcome()), () -> "region " + PURGE
                    + ": outcome is " + (p == null ? "null" : quote(p.outcome())) + " on a vault with purge protection, "
                    + "expected " + quote(SecretLifecycle.PURGE_PROTECTED));
            unless(sameInstant(deleted.getScheduledPurgeDate(), p.scheduledPurgeDate()), () -> "region " + PURGE
                    + ": scheduledPurgeDate is " + p.scheduledPurgeDate() + ", the vault will purge it on "
                    + deleted.getScheduledPurgeDate() + " (it keeps deleted secrets " + retention + " days)");
        }
    }

}
