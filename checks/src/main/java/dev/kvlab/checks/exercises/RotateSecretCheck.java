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

    /** A secret with one version, rotated by the learner's code to a fresh random value. */
    private record Rotated(String name, KeyVaultSecret before, String newValue, Rotation rotation,
            List<SecretProperties> versions) {
        SecretProperties latest() {
            return versions.get(versions.size() - 1);
        }
    }

    private static Rotated rotate(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "rotate"));
        KeyVaultSecret before = vault.put(name, TestData.longValue(random), TestData.contentType(random),
                TestData.tags(random));
        String newValue = TestData.longValue(random);
        Redaction.remember(newValue);
        vault.requests().clear();
        Rotation rotation = learner.call("rotateSecret", vault.client(), name, newValue);
        unless(rotation != null, () -> "region " + REGION + " returned null: return the Rotation it made");
        return new Rotated(name, before, newValue, rotation, versions(vault, name));
    }

    /** The secret's versions, oldest first. */
    private static List<SecretProperties> versions(CheckVault vault, String name) {
        List<SecretProperties> versions = new ArrayList<>();
        vault.admin().listPropertiesOfSecretVersions(name).forEach(versions::add);
        versions.sort(Comparator.comparing(SecretProperties::getCreatedOn).thenComparing(SecretProperties::getUpdatedOn));
        return versions;
    }

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("creates exactly one new version holding the new value")
    @Check(task = 1, region = REGION, hint = "call client.setSecret once, with a KeyVaultSecret(name, newValue): "
            + "every setSecret makes a new version")
    void createsOneNewVersion(Learner learner, CheckVault vault, Random random) {
        Rotated r = rotate(learner, vault, random);
        List<RequestLog.Request> sets = vault.requests().all().stream().filter(RequestLog.Request::setsValue).toList();
        unless(sets.size() == 1, () -> "region " + REGION + " called setSecret " + sets.size()
                + " times: one call makes the one new version");
        unless(r.versions().size() == 2, () -> "region " + REGION + " left " + r.name() + " with "
                + r.versions().size() + " versions, expected 2 (the old one and one new one)");
        String latest = vault.admin().getSecret(r.name()).getValue();
        unless(r.newValue().equals(latest), () -> "region " + REGION + ": the latest version of " + r.name()
                + " holds " + quote(Mask.value(latest)) + ", not the new value " + quote(Mask.value(r.newValue())));
    }

    @Order(2)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("gives the new version content type text/plain and tags environment=development, rotated=true")
    @Check(task = 2, region = REGION, hint = "set the properties before setSecret: new KeyVaultSecret(name, newValue)"
            + ".setProperties(new SecretProperties().setContentType(\"text/plain\").setTags(Map.of(\"environment\", "
            + "\"development\", \"rotated\", \"true\")))")
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
    @Check(task = 3, region = REGION, hint = "take previousVersion from getSecret(name) before setSecret, and "
            + "newVersion, createdOn and tags from the secret the vault returns; mask both values with Mask.value")
    void reportsWhatTheVaultHolds(Learner learner, CheckVault vault, Random random) {
        Rotated r = rotate(learner, vault, random);
        Rotation rot = r.rotation();
        SecretProperties latest = r.latest();
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
                + rot.createdOn() + ", the new version was created on " + latest.getCreatedOn());
        Map<String, String> tags = rot.tags() == null ? Map.of() : rot.tags();
        Map<String, String> held = latest.getTags() == null ? Map.of() : latest.getTags();
        unless(held.equals(tags), () -> "region " + REGION + ": the reported tags are " + tags
                + ", the new version in the vault has " + held + " (report the tags of the secret setSecret returned)");
    }

    @Order(5)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("creates the first version of a secret that does not exist yet")
    @Check(task = 1, region = REGION, hint = "catch ResourceNotFoundException around the first getSecret: then "
            + "there is no previous version (leave those fields null) and setSecret creates the first one")
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
}
