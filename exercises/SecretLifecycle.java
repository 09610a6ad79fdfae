///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 6: expiry, disabling, soft delete, recovery and purge (instructions: docs/lifecycle.md)

package dev.kvlab.exercises;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Exercise 6: a secret's life: stored with an expiry, a version disabled and enabled, deleted, recovered, purged. */
public class SecretLifecycle {

    /** The best practice's expiry: a secret stored today expires in 180 days and must be rotated before. */
    public static final Duration EXPIRY = Duration.ofDays(180);
    /** How often {@code main} polls a long-running delete or recovery: the SDK's own default. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /** {@link #storeSecret}'s outcomes. */
    public static final String STORED = "stored";
    public static final String NAME_DELETED = "name deleted, not purged";
    /** {@link #recoverSecret}'s outcomes. */
    public static final String RECOVERED = "recovered";
    public static final String NOTHING_TO_RECOVER = "nothing to recover";
    /** {@link #purgeSecret}'s outcomes. */
    public static final String PURGED = "purged";
    public static final String PURGE_PROTECTED = "purge protected";

    /** What {@link #storeSecret} did; the dates as the vault holds them, null when {@code outcome} is not STORED. */
    public record Stored(String name, String outcome, String version, OffsetDateTime notBefore, OffsetDateTime expiresOn) {
    }

    /** One version's state after {@link #setEnabled}, as the vault returned it. */
    public record VersionState(String version, Boolean enabled, OffsetDateTime updatedOn) {
    }

    /** A soft-deleted secret as the vault lists it among deleted secrets. */
    public record Deleted(String name, String recoveryId, OffsetDateTime deletedOn, OffsetDateTime scheduledPurgeDate) {
    }

    /** What {@link #recoverSecret} did. */
    public record Recovery(String name, String outcome) {
    }

    /** What {@link #purgeSecret} did; {@code scheduledPurgeDate}: when a protected secret will be purged by itself. */
    public record Purge(String name, String outcome, OffsetDateTime scheduledPurgeDate) {
    }

    /**
     * Task 1 (docs/lifecycle.md): stores {@code value} as a new version of {@code name} that expires {@link #EXPIRY}
     * after {@code clock.instant()} and, when {@code activateIn} is not null, is not valid before now + activateIn.
     * A name that is deleted but not purged cannot be set: report {@link #NAME_DELETED} and change nothing.
     */
    public static Stored storeSecret(SecretClient client, String name, String value, Clock clock, Duration activateIn) {
        // BEGIN STORE_SECRET
        throw new UnsupportedOperationException("SecretLifecycle: fill in region STORE_SECRET in exercises/SecretLifecycle.java (see docs/lifecycle.md), then run ./jbang check lifecycle");
        // END STORE_SECRET
    }

    /** Task 2 (docs/lifecycle.md): disables or enables version {@code version} of {@code name}, and only that one. */
    public static VersionState setEnabled(SecretClient client, String name, String version, boolean enabled) {
        // BEGIN SET_ENABLED
        throw new UnsupportedOperationException("SecretLifecycle: fill in region SET_ENABLED in exercises/SecretLifecycle.java (see docs/lifecycle.md), then run ./jbang check lifecycle");
        // END SET_ENABLED
    }

    /**
     * Task 3 (docs/lifecycle.md): soft-deletes {@code name}, waits for the delete to finish (polling every
     * {@code pollInterval}), and returns the secret as listed among the vault's deleted secrets.
     */
    public static Deleted deleteSecret(SecretClient client, String name, Duration pollInterval) {
        // BEGIN DELETE_SECRET
        throw new UnsupportedOperationException("SecretLifecycle: fill in region DELETE_SECRET in exercises/SecretLifecycle.java (see docs/lifecycle.md), then run ./jbang check lifecycle");
        // END DELETE_SECRET
    }

    /**
     * Task 4 (docs/lifecycle.md): recovers the soft-deleted {@code name} with all its versions and waits until it is
     * back (polling every {@code pollInterval}); {@link #NOTHING_TO_RECOVER} when no deleted secret has that name.
     */
    public static Recovery recoverSecret(SecretClient client, String name, Duration pollInterval) {
        // BEGIN RECOVER_SECRET
        throw new UnsupportedOperationException("SecretLifecycle: fill in region RECOVER_SECRET in exercises/SecretLifecycle.java (see docs/lifecycle.md), then run ./jbang check lifecycle");
        // END RECOVER_SECRET
    }

    /**
     * Task 5 (docs/lifecycle.md): deletes {@code name} for good: soft delete (polling every {@code pollInterval}),
     * then purge. Where purge protection forbids it, the secret stays deleted and recoverable:
     * {@link #PURGE_PROTECTED}, with the date the vault will purge it by itself.
     */
    public static Purge purgeSecret(SecretClient client, String name, Duration pollInterval) {
        // BEGIN PURGE_SECRET
        throw new UnsupportedOperationException("SecretLifecycle: fill in region PURGE_SECRET in exercises/SecretLifecycle.java (see docs/lifecycle.md), then run ./jbang check lifecycle");
        // END PURGE_SECRET
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            SecretClient client = Lab.client();
            String name = "lifecycle-demo-" + Long.toHexString(Instant.now().getEpochSecond());
            Clock clock = Clock.systemUTC();
            Stored first = storeSecret(client, name, "demo-value-one-" + Long.toHexString(System.nanoTime()), clock, null);
            System.out.println("The life of " + name + " in " + client.getVaultUrl());
            Stored second = storeSecret(client, name, "demo-value-two-" + Long.toHexString(System.nanoTime()), clock,
                    Duration.ofDays(1));
            Table.fields(second).print();
            System.out.println("Disable the first version, then enable it again:");
            Table.fields(setEnabled(client, name, first.version(), false)).print();
            Table.fields(setEnabled(client, name, first.version(), true)).print();
            System.out.println("Delete it (soft):");
            Table.fields(deleteSecret(client, name, POLL_INTERVAL)).print();
            System.out.println("Store under the deleted name: " + storeSecret(client, name, "demo-value-three", clock, null).outcome());
            System.out.println("Recover it: " + recoverSecret(client, name, POLL_INTERVAL).outcome());
            System.out.println("Delete it for good:");
            Table.fields(purgeSecret(client, name, POLL_INTERVAL)).print();
            System.out.println("Recover it again: " + recoverSecret(client, name, POLL_INTERVAL).outcome());
        });
    }
}
