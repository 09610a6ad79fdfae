package dev.kvlab.vault.secrets;

import java.time.Instant;

/** A soft-deleted secret: every version kept until it is recovered, purged, or its purge date passes. */
public record DeletedSecret(Secret secret, Instant deletedDate, Instant scheduledPurgeDate) {
}
