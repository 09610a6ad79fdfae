package dev.kvlab.vault.secrets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One vault: its live and soft-deleted secrets, its retention settings (fixed when it is created, as on Azure) and
 * its throttle. Reads share a read lock; every change takes the write lock, so a change and its journal entry happen
 * in the same order for everyone.
 */
public final class Vault {
    private final String name;
    private final int retentionDays;
    private final boolean purgeProtection;
    private final Throttle throttle;
    // sorted by lower-case name: lists page through them in that order without sorting
    final NavigableMap<String, Secret> secrets = new ConcurrentSkipListMap<>();
    final NavigableMap<String, DeletedSecret> deleted = new ConcurrentSkipListMap<>();
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Instant nextPurge = Instant.MAX;

    public Vault(String name, int retentionDays, boolean purgeProtection, Throttle throttle) {
        if (retentionDays < 7 || retentionDays > 90) {
            throw new IllegalArgumentException("retention must be 7 to 90 days, not " + retentionDays);
        }
        this.name = name;
        this.retentionDays = retentionDays;
        this.purgeProtection = purgeProtection;
        this.throttle = throttle;
    }

    public String name() {
        return name;
    }

    public int retentionDays() {
        return retentionDays;
    }

    public boolean purgeProtection() {
        return purgeProtection;
    }

    public Throttle throttle() {
        return throttle;
    }

    /** Azure's recovery level for this vault's secrets: "Customized" when retention is under 90 days. */
    public String recoveryLevel() {
        String level = purgeProtection ? "Recoverable" : "Recoverable+Purgeable";
        return retentionDays < 90 ? "Customized" + level : level;
    }

    public Secret secret(String name) {
        return secrets.get(Secret.key(name));
    }

    public DeletedSecret deletedSecret(String name) {
        return deleted.get(Secret.key(name));
    }

    /** Live secrets by lower-case name, in name order. */
    public NavigableMap<String, Secret> secrets() {
        return secrets;
    }

    /** Soft-deleted secrets by lower-case name, in name order. */
    public NavigableMap<String, DeletedSecret> deletedSecrets() {
        return deleted;
    }

    // --- changes: callers hold the write lock ---

    void putSecret(Secret secret) {
        secrets.put(secret.key(), secret);
    }

    void markDeleted(DeletedSecret d) {
        secrets.remove(d.secret().key());
        deleted.put(d.secret().key(), d);
        if (d.scheduledPurgeDate().isBefore(nextPurge)) {
            nextPurge = d.scheduledPurgeDate();
        }
    }

    void recover(String name) {
        DeletedSecret d = deleted.remove(Secret.key(name));
        secrets.put(d.secret().key(), d.secret());
    }

    void purge(String name) {
        deleted.remove(Secret.key(name));
    }

    void clear() {
        secrets.clear();
        deleted.clear();
        nextPurge = Instant.MAX;
    }

    /** Whether some soft-deleted secret is due for its scheduled purge (cheap: checked on every request). */
    boolean purgeDue(Instant now) {
        return !now.isBefore(nextPurge);
    }

    /** Purges every deleted secret whose scheduled purge date has passed; returns their names. Write lock held. */
    List<String> purgeExpired(Instant now) {
        List<String> purged = new ArrayList<>();
        Instant next = Instant.MAX;
        for (DeletedSecret d : List.copyOf(deleted.values())) {
            if (!now.isBefore(d.scheduledPurgeDate())) {
                deleted.remove(d.secret().key());
                purged.add(d.secret().name());
            } else if (d.scheduledPurgeDate().isBefore(next)) {
                next = d.scheduledPurgeDate();
            }
        }
        nextPurge = next;
        return purged;
    }
}
