///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 5: a secret's versions, pinned versus latest, and the version to fall back to (instructions: docs/versions.md)

package dev.kvlab.exercises;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Mask;
import dev.kvlab.runtime.Table;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Exercise 5: every version of a secret, one version read by its id, and the version to fall back to. */
public class SecretVersions {

    /** The secret {@code main} looks at. */
    public static final String SECRET_NAME = "openai-api-key";

    /** One version of a secret, as its properties describe it: no value. {@code expiresOn} null = never expires. */
    public record VersionRow(String version, Boolean enabled, OffsetDateTime createdOn, OffsetDateTime updatedOn,
                             OffsetDateTime expiresOn) {
    }

    /** One version read by its id; {@code value} is masked with {@link Mask#value}. */
    public record PinnedRead(String version, String value, OffsetDateTime createdOn) {
    }

    /**
     * The version an application should use when the latest cannot be used, and the App Service Key Vault reference
     * pinned to it: {@code @Microsoft.KeyVault(SecretUri=<the version's id>)}.
     */
    public record Fallback(String version, OffsetDateTime createdOn, OffsetDateTime expiresOn, String pinnedReference) {
    }

    /**
     * Task 1 (docs/versions.md): every version of secret {@code name} (all pages), newest first by creation time,
     * without reading a single value.
     */
    public static List<VersionRow> listVersions(SecretClient client, String name) {
        // BEGIN LIST_VERSIONS
        throw new UnsupportedOperationException("SecretVersions: fill in region LIST_VERSIONS in exercises/SecretVersions.java (see docs/versions.md), then run ./jbang check versions");
        // END LIST_VERSIONS
    }

    /** Task 2 (docs/versions.md): reads version {@code version} of secret {@code name} (one call), value masked. */
    public static PinnedRead readVersion(SecretClient client, String name, String version) {
        // BEGIN READ_VERSION
        throw new UnsupportedOperationException("SecretVersions: fill in region READ_VERSION in exercises/SecretVersions.java (see docs/versions.md), then run ./jbang check versions");
        // END READ_VERSION
    }

    /**
     * Task 3-4 (docs/versions.md): the newest version of {@code name} that is enabled and not expired at
     * {@code clock.instant()}, with the Key Vault reference pinned to it, without reading a value; null when no
     * version qualifies.
     */
    public static Fallback fallbackVersion(SecretClient client, String name, Clock clock) {
        // BEGIN FALLBACK_VERSION
        throw new UnsupportedOperationException("SecretVersions: fill in region FALLBACK_VERSION in exercises/SecretVersions.java (see docs/versions.md), then run ./jbang check versions");
        // END FALLBACK_VERSION
    }

    /**
     * On the embedded local vault the secret has one version: give it two more and disable the newest, as a broken
     * rotation would leave it, so there is something to list and to fall back from.
     */
    static void prepareLocalDemo(SecretClient client) {
        if (System.getenv("KEY_VAULT_URL") != null) {
            return; // a real vault: look at what is there, change nothing
        }
        client.setSecret(new KeyVaultSecret(SECRET_NAME, "sk-proj-kvlab-second-version-" + Instant.now().getEpochSecond()));
        KeyVaultSecret broken = client.setSecret(new KeyVaultSecret(SECRET_NAME, "sk-proj-kvlab-broken-rotation-0000"));
        client.updateSecretProperties(broken.getProperties().setEnabled(false));
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            SecretClient client = Lab.client();
            prepareLocalDemo(client);
            List<VersionRow> versions = listVersions(client, SECRET_NAME);
            System.out.println("Versions of " + SECRET_NAME + " in " + client.getVaultUrl() + " (no values read)");
            Table.of(VersionRow.class, versions).print();
            if (!versions.isEmpty()) {
                VersionRow oldest = versions.get(versions.size() - 1);
                System.out.println("The oldest version, read by its id:");
                Table.fields(readVersion(client, SECRET_NAME, oldest.version())).print();
            }
            Fallback fallback = fallbackVersion(client, SECRET_NAME, Clock.systemUTC());
            if (fallback == null) {
                System.out.println("No version is enabled and unexpired: nothing to fall back to.");
            } else {
                System.out.println("The version to fall back to:");
                Table.fields(fallback).print();
                System.out.println("A reference pinned to it (" + fallback.pinnedReference() + ") keeps resolving to "
                        + "that version: it never sees a rotation. A versionless reference (SecretUri ending in /secrets/"
                        + SECRET_NAME + "/) follows the latest version.");
            }
        });
    }
}
