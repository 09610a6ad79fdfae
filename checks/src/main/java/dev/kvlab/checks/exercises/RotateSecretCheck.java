package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.quote;
import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.sameInstant;
import static dev.kvlab.checks.support.CheckFailed.unless;

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
import dev.kvlab.exercises.RotateSecret;
import dev.kvlab.exercises.RotateSecret.Rotation;
import dev.kvlab.runtime.Mask;
import dev.kvlab.vault.AuditEvent;
import java.util.ArrayList;
import java.util.Comparator;
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

/** Exercise 3 (rotate): one new version, described the way the vault holds it, and the old one still there. */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RotateSecretCheck {
    static final String REGION = "ROTATE_SECRET";
    static final Map<String, String> TAGS = Map.of("environment", "development", "rotated", "true");

    /** A secret with a history, rotated by the learner's code to a fresh random value. */
    private record Rotated(String name, KeyVaultSecret before, int had, String newValue, Rotation rotation,
            List<SecretProperties> versions, SecretProperties latest) {
    }

    /**
     * Rotates a secret that already has a few versions, some time after the last one (so the new version's dates
     * are its own). On the local vault the new version is also touched a little later while the learner's code
     * runs (an expiry date set, as a rotation policy would), so its updatedOn is not its createdOn.
     */
    private static Rotated rotate(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "rotate"));
        int had = 2 + random.nextInt(2);
        KeyVaultSecret before = TestData.history(vault, random, name, had, random.nextInt(3) == 0, random.nextBoolean());
        TestData.elapse(vault, random);
        String newValue = TestData.longValue(random);
        Redaction.remember(newValue);
        vault.requests().clear();
        Rotation rotation;
        java.util.function.Consumer<AuditEvent> touch = touchAfterSet(vault, random, name);
        try {
            rotation = learner.call("rotateSecret", vault.client(), name, newValue);
        } finally {
            if (vault.isLocal()) {
                vault.localVault().auditLog().removeListener(touch);
            }
        }
        unless(rotation != null, () -> "region " + REGION + " returned null: return the Rotation it made");
        return new Rotated(name, before, had, newValue, rotation, versions(vault, name),
                vault.admin().getSecret(name).getProperties());
    }

    /** On the local vault: once the learner's code has set a new version of {@code name}, updates that version later. */
    private static java.util.function.Consumer<AuditEvent> touchAfterSet(CheckVault vault, Random random, String name) {
        if (!vault.isLocal()) {
            return e -> { };
        }
        long later = 5 + random.nextInt(120);
        int days = 30 + random.nextInt(300);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.Consumer<AuditEvent> touch = e -> {
            if (e.operation().equals("SecretSet") && e.status() == 200 && CheckVault.LEARNER.equals(e.caller())
                    && e.secretId() != null && e.secretId().toLowerCase(java.util.Locale.ROOT)
                            .contains("/secrets/" + name.toLowerCase(java.util.Locale.ROOT) + "/")
                    && done.compareAndSet(false, true)) {
                String version = e.secretId().substring(e.secretId().lastIndexOf('/') + 1);
                vault.localVault().clock().advance(java.time.Duration.ofSeconds(later));
                SecretProperties p = vault.admin().getSecret(name, version).getProperties();
                vault.admin().updateSecretProperties(p.setExpiresOn(p.getCreatedOn().plusDays(days)));
            }
        };
        vault.localVault().auditLog().addListener(touch);
        return touch;
    }

    /** The secret's versions, oldest first. */
    private static List<SecretProperties> versions(CheckVault vault, String name) {
        List<SecretProperties> versions = new ArrayList<>();
        vault.admin().listPropertiesOfSecretVersions(name).forEach(versions::add);
        versions.sort(Comparator.comparing(SecretProperties::getCreatedOn));
        return versions;
    }

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("creates exactly one new version holding the new value")
    @Check(task = 1, region = REGION, hint = "task 2 and the introduction: how many versions does one setSecret make, "
            + "and how many does your code make?")
    void createsOneNewVersion(Learner learner, CheckVault vault, Random random) {
        Rotated r = rotate(learner, vault, random);
        List<RequestLog.Request> sets = vault.requests().all().stream().filter(RequestLog.Request::setsValue).toList();
        unless(sets.size() == 1, () -> "region " + REGION + " called setSecret " + sets.size()
                + " times: one call makes the one new version");
        unless(r.versions().size() == r.had() + 1, () -> "region " + REGION + " left " + r.name() + " with "
                + r.versions().size() + " versions, expected " + (r.had() + 1) + " (the "
                + r.had() + " it had and one new one)");
        String latest = vault.admin().getSecret(r.name()).getValue();
        unless(r.newValue().equals(latest), () -> "region " + REGION + ": the latest version of " + r.name()
                + " holds " + quote(Mask.value(latest)) + ", not the new value " + quote(Mask.value(r.newValue())));
    }

    @Order(2)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("gives the new version content type text/plain and tags environment=development, rotated=true")
    @Check(task = 2, region = REGION, hint = "task 2: why can setSecret(name, value) not carry them, and what do you "
            + "build instead? Tags belong to one version: only the two asked for")
    void tagsTheNewVersion(Learner learner, CheckVault vault, Random random) {
        Rotated r = rotate(learner, vault, random);
        SecretProperties latest = vault.admin().getSecret(r.name()).getProperties();
        unless("text/plain".equals(latest.getContentType()), () -> "region " + REGION + ": the new version's "
                + "content type is " + quote(latest.getContentType()) + ", expected \"text/plain\"");
        Map<String, String> tags = latest.getTags() == null ? Map.of() : latest.getTags();
        unless(TAGS.equals(tags), () -> "region " + REGION + ": the new version's tags are " + tags
                + ", expected exactly " + TAGS + " (tags belong to a version: set them with the new value)");
    }

    @Order(3)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("leaves the previous version readable by its version id")
    @Check(task = 1, region = REGION, hint = "rotating only adds a version: do not delete, disable or change "
            + "the old one")
    void keepsPreviousVersion(Learner learner, CheckVault vault, Random random) {
        Rotated r = rotate(learner, vault, random);
        String oldVersion = r.before().getProperties().getVersion();
        KeyVaultSecret old;
        try {
            old = vault.admin().getSecret(r.name(), oldVersion);
        } catch (RuntimeException e) {
            throw new dev.kvlab.checks.support.CheckFailed("region " + REGION + ": the previous version " + oldVersion
                    + " of " + r.name() + " can no longer be read (" + e.getClass().getSimpleName()
                    + "): leave it as it is");
        }
        unless(r.before().getValue().equals(old.getValue()), () -> "region " + REGION
                + ": the previous version no longer holds the previous value");
        unless(!Boolean.FALSE.equals(old.getProperties().isEnabled()), () -> "region " + REGION
                + ": the previous version was disabled; leave it enabled so running apps keep working");
    }

    @Order(4)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reports the versions, masked values, creation time and tags the vault holds")
    @Check(task = 3, region = REGION, hint = "tasks 1 and 3: which read tells the version current before the rotation, "
            + "and which answer of the vault describes the new one? Report what the vault says, masked")
    void reportsWhatTheVaultHolds(Learner learner, CheckVault vault, Random random) {
        Rotated r = rotate(learner, vault, random);
        Rotation rot = r.rotation();
        SecretProperties latest = r.latest();
        SecretProperties previous = r.before().getProperties();
        String previousVersion = r.before().getProperties().getVersion();
        unless(r.name().equals(rot.name()), () -> "region " + REGION + ": name is " + quote(rot.name())
                + ", expected " + r.name());
        unless(previousVersion.equals(rot.previousVersion()), () -> "region " + REGION + ": previousVersion is "
                + quote(rot.previousVersion()) + ", but the version before the rotation was " + previousVersion);
        unless(Objects.equals(latest.getVersion(), rot.newVersion()), () -> "region " + REGION + ": newVersion is "
                + quote(rot.newVersion()) + ", but the vault's new version is " + latest.getVersion());
        unless(Mask.value(r.before().getValue()).equals(rot.previousValue()), () -> "region " + REGION
                + ": previousValue is " + quote(rot.previousValue()) + ", expected Mask.value of the previous value, "
                + quote(Mask.value(r.before().getValue())));
        unless(Mask.value(r.newValue()).equals(rot.newValue()), () -> "region " + REGION + ": newValue is "
                + quote(rot.newValue()) + ", expected Mask.value of the new value, " + quote(Mask.value(r.newValue())));
        unless(sameInstant(latest.getCreatedOn(), rot.createdOn()), () -> "region " + REGION + ": createdOn is "
                + rot.createdOn() + ", the new version was created on " + latest.getCreatedOn()
                + (sameInstant(rot.createdOn(), previous.getCreatedOn()) ? " (that is the previous version's createdOn)"
                : sameInstant(rot.createdOn(), latest.getUpdatedOn()) ? " (that is its updatedOn)" : ""));
        Map<String, String> tags = rot.tags() == null ? Map.of() : rot.tags();
        Map<String, String> held = latest.getTags() == null ? Map.of() : latest.getTags();
        unless(held.equals(tags), () -> "region " + REGION + ": the reported tags are " + tags
                + ", the new version in the vault has " + held + " (report the tags of the secret setSecret returned)");
    }

    @Order(5)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("creates the first version of a secret that does not exist yet")
    @Check(task = 1, region = REGION, hint = "task 1: what does reading a name that does not exist yet throw, and what "
            + "does the Rotation hold then?")
    void createsFirstVersion(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "fresh"));
        String value = TestData.longValue(random);
        Redaction.remember(value);
        Rotation rot;
        try {
            rot = learner.call("rotateSecret", vault.client(), name, value);
        } catch (LearnerThrew e) {
            if (!e.isA(com.azure.core.exception.ResourceNotFoundException.class)) {
                throw e;
            }
            throw new dev.kvlab.checks.support.CheckFailed("region " + REGION + " stopped because " + name
                    + " did not exist yet: a missing secret means there is no previous version");
        }
        Rotation rotation = rot;
        unless(rotation != null && rotation.previousVersion() == null && rotation.previousValue() == null,
                () -> "region " + REGION + ": a new secret has no previous version or value, but the rotation "
                        + "reported " + (rotation == null ? "null" : quote(rotation.previousVersion())));
        List<SecretProperties> versions = versions(vault, name);
        unless(versions.size() == 1, () -> "region " + REGION + " left the new secret " + name + " with "
                + versions.size() + " versions, expected 1");
        unless(Objects.equals(versions.get(0).getVersion(), rotation.newVersion()), () -> "region " + REGION
                + ": newVersion is " + quote(rotation.newVersion()) + ", the vault's version is "
                + versions.get(0).getVersion());
    }

    @Order(6)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("does not take a refused read for a missing secret")
    @Check(task = 1, region = REGION, hint = "which exception means \"the secret does not exist yet\"? Catch only that "
            + "one: the vault also refuses reads for other reasons (docs/retrieve.md, task 3), and none of them means "
            + "there is no previous version")
    void refusedReadIsNotMissing(Learner learner, CheckVault vault, Random random) {
        // the current version was disabled (say, after a leak): reading it is refused with 403, yet it exists
        String name = vault.name(TestData.name(random, "disabled"));
        KeyVaultSecret current = TestData.history(vault, random, name, 1 + random.nextInt(2), false, false);
        TestData.elapse(vault, random);
        vault.admin().updateSecretProperties(current.getProperties().setEnabled(false));
        String value = TestData.longValue(random);
        Redaction.remember(value);
        String version = current.getProperties().getVersion();
        Rotation rotation;
        try {
            rotation = learner.call("rotateSecret", vault.client(), name, value);
        } catch (LearnerThrew e) {
            if (e.isA(com.azure.core.exception.HttpResponseException.class)
                    && !e.isA(com.azure.core.exception.ResourceNotFoundException.class)) {
                return; // the refusal reached the caller: nobody is told the secret had no previous version
            }
            throw e;
        }
        unless(rotation != null && version.equals(rotation.previousVersion()), () -> "region " + REGION
                + " reported the previous version of " + name + " as " + quote(rotation == null ? null
                : rotation.previousVersion()) + ", but it exists (version " + version + ", disabled, so the vault "
                + "refused the read with 403 Forbidden): only a 404 means there is no previous version");
    }
}
