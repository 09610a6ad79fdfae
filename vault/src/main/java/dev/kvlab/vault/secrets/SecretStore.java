package dev.kvlab.vault.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where a vault with a data directory keeps its secrets: an append-only journal of checksummed JSON lines
 * ({@link Journal}), fsynced before a write is acknowledged, replayed on start. A kill -9 can at worst leave a torn
 * last line, which belongs to a write that was never acknowledged and is dropped. Any other damage stops the start
 * ({@link JournalDamagedException}) unless the store recovers. On start the journal is rewritten compacted (temp
 * file created owner-only, fsync, atomic move), so it only grows with the changes of one run.
 */
public final class SecretStore implements AutoCloseable {
    static final String JOURNAL = "secrets.journal";
    static final String BACKUP_KEY = "backup.key";

    private final Path dir;
    private boolean recover;
    private FileChannel journal;

    private SecretStore(Path dir) {
        this.dir = dir;
    }

    /** No persistence: everything lives in memory. */
    public static SecretStore inMemory() {
        return new SecretStore(null);
    }

    public static SecretStore open(Path dir) {
        return open(dir, false);
    }

    /**
     * A store in {@code dir}; with {@code recover}, a damaged journal is moved aside and its intact records kept
     * instead of refusing to start.
     */
    public static SecretStore open(Path dir, boolean recover) {
        try {
            createPrivateDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        SecretStore store = new SecretStore(dir);
        store.recover = recover;
        return store;
    }

    /** Creates {@code dir} (and its parents) readable by its owner only; an existing folder is left as it is. */
    public static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.toAbsolutePath().getParent() != null) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
        }
    }

    public boolean persistent() {
        return dir != null;
    }

    /** This installation's backup key: kept in the data directory so backups restore after a restart. */
    public byte[] backupKey() {
        if (dir == null) {
            return BackupBlob.newKey();
        }
        Path file = dir.resolve(BACKUP_KEY);
        try {
            if (!Files.exists(file)) {
                writeAtomically(file, BackupBlob.newKey());
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IllegalStateException(file + " is not a backup key (32 bytes); delete it to make a new one");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup key " + file, e);
        }
    }

    /**
     * Replays the journal into {@code vaults}; returns false when there was none (a fresh data directory). A damaged
     * record (checksum, framing, content) or a journal shorter than its snapshot says stops the start with a
     * {@link JournalDamagedException}, before anything is applied, unless the store was opened to recover.
     */
    public boolean load(Map<String, Vault> vaults) {
        Path file = dir == null ? null : dir.resolve(JOURNAL);
        if (file == null || !Files.exists(file)) {
            return false;
        }
        Journal.Reading reading;
        try {
            reading = Journal.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<JsonNode> intact = new ArrayList<>();
        String damage = reading.damage();
        for (Journal.Record record : reading.records()) {
            Vault vault = vaults.get(record.json().path("vault").asText());
            if (vault == null) {
                continue; // a vault this run does not serve
            }
            try {
                check(record.json());
                intact.add(record.json());
            } catch (RuntimeException e) {
                damage = damage != null ? damage : "record " + record.number() + " does not describe a change";
            }
        }
        if (damage != null) {
            if (!recover) {
                throw new JournalDamagedException(file, damage, intact.size());
            }
            moveAside(file);
        }
        for (JsonNode entry : intact) {
            apply(vaults.get(entry.path("vault").asText()), entry);
        }
        return true;
    }

    /** Keeps the damaged journal beside the new one, never deleting it: someone may want to rescue more by hand. */
    private void moveAside(Path file) {
        Path aside = file.resolveSibling(JOURNAL + ".damaged-" + System.currentTimeMillis());
        try {
            Files.move(file, aside);
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the damaged journal aside to " + aside, e);
        }
        recovered = aside;
    }

    private Path recovered;

    /** Where {@link #load} moved a damaged journal when recovering, else null. */
    public Path recoveredFrom() {
        return recovered;
    }

    /** Throws when an entry lacks what {@link #apply} needs (hand-edited, or written by something else). */
    private static void check(JsonNode e) {
        if (!e.path("name").isTextual()) {
            throw new IllegalArgumentException("no name");
        }
        switch (e.path("op").asText()) {
            case "put" -> version(e.get("version"));
            case "restore" -> e.path("versions").forEach(SecretStore::version);
            case "delete" -> {
                if (!e.path("deletedDate").canConvertToLong() || !e.path("scheduledPurgeDate").canConvertToLong()) {
                    throw new IllegalArgumentException("no dates");
                }
            }
            case "recover", "purge" -> {
            }
            default -> throw new IllegalArgumentException("unknown op");
        }
    }

    private static void apply(Vault vault, JsonNode e) {
        String name = e.path("name").asText();
        switch (e.path("op").asText()) {
            case "put" -> {
                Secret s = vault.secret(name);
                if (s == null) {
                    s = new Secret(name);
                    vault.putSecret(s);
                }
                s.put(version(e.get("version")));
            }
            case "restore" -> {
                Secret s = new Secret(name);
                e.path("versions").forEach(v -> s.put(version(v)));
                vault.putSecret(s);
            }
            case "delete" -> {
                Secret s = vault.secret(name);
                if (s != null) {
                    vault.markDeleted(new DeletedSecret(s, Instant.ofEpochSecond(e.path("deletedDate").asLong()),
                            Instant.ofEpochSecond(e.path("scheduledPurgeDate").asLong())));
                }
            }
            case "recover" -> {
                if (vault.deletedSecret(name) != null) {
                    vault.recover(name);
                }
            }
            case "purge" -> vault.purge(name);
            default -> {
                // an entry from a newer version of the lab: skipped
            }
        }
    }

    // --- journal entries, one per acknowledged change; callers hold the vault's write lock ---

    void put(Vault vault, Secret secret, SecretVersion version) {
        if (dir == null) {
            return;
        }
        ObjectNode e = entry("put", vault, secret.name());
        e.set("version", versionJson(version));
        append(e);
    }

    void restore(Vault vault, Secret secret) {
        if (dir == null) {
            return;
        }
        append(restoreEntry(vault, secret));
    }

    void delete(Vault vault, DeletedSecret d) {
        if (dir == null) {
            return;
        }
        append(deleteEntry(vault, d));
    }

    void recover(Vault vault, String name) {
        if (dir == null) {
            return;
        }
        append(entry("recover", vault, name));
    }

    void purge(Vault vault, String name) {
        if (dir == null) {
            return;
        }
        append(entry("purge", vault, name));
    }

    /**
     * Writes the current state of every vault as a fresh journal, atomically replacing the old one. The vaults' read
     * locks are held throughout (taken before this store's monitor, in the same order as writers), so no change can
     * land in the old journal after the snapshot was taken.
     */
    public void compact(Collection<Vault> vaults) {
        if (dir == null) {
            return;
        }
        List<Vault> locked = new ArrayList<>();
        try {
            for (Vault vault : vaults) {
                vault.lock.readLock().lock();
                locked.add(vault);
            }
            List<ObjectNode> records = new ArrayList<>();
            for (Vault vault : vaults) {
                for (Secret s : vault.secrets().values()) {
                    records.add(restoreEntry(vault, s));
                }
                for (DeletedSecret d : vault.deletedSecrets().values()) {
                    records.add(restoreEntry(vault, d.secret()));
                    records.add(deleteEntry(vault, d));
                }
            }
            rewrite(Journal.snapshot(records));
        } finally {
            locked.forEach(v -> v.lock.readLock().unlock());
        }
    }

    private synchronized void rewrite(byte[] journalText) {
        try {
            closeJournal();
            writeAtomically(dir.resolve(JOURNAL), journalText);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(JOURNAL), e);
        }
    }

    private synchronized void append(ObjectNode entry) {
        if (dir == null) {
            return;
        }
        byte[] line = Journal.line(entry);
        try {
            if (journal == null) {
                journal = FileChannel.open(dir.resolve(JOURNAL), Set.of(StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND), OWNER_ONLY);
            }
            long end = journal.size();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    journal.write(buffer);
                }
                journal.force(false);
            } catch (IOException e) {
                journal.truncate(end); // no half entry in front of the next one
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(JOURNAL), e);
        }
    }

    private static ObjectNode entry(String op, Vault vault, String name) {
        ObjectNode e = SecretJson.MAPPER.createObjectNode();
        e.put("op", op);
        e.put("vault", vault.name());
        e.put("name", name);
        return e;
    }

    private static ObjectNode restoreEntry(Vault vault, Secret secret) {
        ObjectNode e = entry("restore", vault, secret.name());
        ArrayNode versions = e.putArray("versions");
        secret.versions().forEach(v -> versions.add(versionJson(v)));
        return e;
    }

    private static ObjectNode deleteEntry(Vault vault, DeletedSecret d) {
        ObjectNode e = entry("delete", vault, d.secret().name());
        e.put("deletedDate", d.deletedDate().getEpochSecond());
        e.put("scheduledPurgeDate", d.scheduledPurgeDate().getEpochSecond());
        return e;
    }

    /** The stored form of a version (journal and backup blobs), value included. */
    static ObjectNode versionJson(SecretVersion v) {
        ObjectNode j = SecretJson.MAPPER.createObjectNode();
        j.put("version", v.version());
        j.put("value", v.value());
        if (v.contentType() != null) {
            j.put("contentType", v.contentType());
        }
        ObjectNode tags = j.putObject("tags");
        v.tags().forEach(tags::put);
        j.put("enabled", v.enabled());
        if (v.notBefore() != null) {
            j.put("nbf", v.notBefore().getEpochSecond());
        }
        if (v.expires() != null) {
            j.put("exp", v.expires().getEpochSecond());
        }
        j.put("created", v.created().getEpochSecond());
        j.put("updated", v.updated().getEpochSecond());
        return j;
    }

    static SecretVersion version(JsonNode j) {
        Map<String, String> tags = new LinkedHashMap<>();
        j.path("tags").properties().forEach(t -> tags.put(t.getKey(), t.getValue().asText()));
        String version = j.get("version").asText();
        if (!version.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a version id");
        }
        return new SecretVersion(version, j.get("value").asText(),
                j.hasNonNull("contentType") ? j.get("contentType").asText() : null, tags,
                j.path("enabled").asBoolean(true),
                j.hasNonNull("nbf") ? Instant.ofEpochSecond(j.get("nbf").asLong()) : null,
                j.hasNonNull("exp") ? Instant.ofEpochSecond(j.get("exp").asLong()) : null,
                Instant.ofEpochSecond(j.get("created").asLong()), Instant.ofEpochSecond(j.get("updated").asLong()));
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp); // a leftover keeps its old mode; a new file is created owner-only from the start
        try (FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OWNER_ONLY)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        ownerOnly(temp);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory();
    }

    /** The files hold secret values: created readable by their owner only (where the file system has POSIX modes). */
    private static final FileAttribute<?>[] OWNER_ONLY = ownerOnlyAttribute();

    private static FileAttribute<?>[] ownerOnlyAttribute() {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rw-------"))} : new FileAttribute<?>[0];
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // e.g. Windows: the directory's own permissions apply
        }
    }

    /** Makes the rename itself durable (a no-op where directories cannot be opened, e.g. Windows). */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not supported on this platform
        }
    }

    private void closeJournal() throws IOException {
        if (journal != null) {
            journal.close();
            journal = null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            closeJournal();
        } catch (IOException e) {
            // nothing left to save: every entry was forced when it was written
        }
    }
}
