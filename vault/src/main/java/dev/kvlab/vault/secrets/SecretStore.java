package dev.kvlab.vault.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a vault with a data directory keeps its secrets: an append-only journal of JSON lines, fsynced before a
 * write is acknowledged, replayed on start. A kill -9 can at worst leave a torn last line, which belongs to a write
 * that was never acknowledged and is dropped. On start the journal is rewritten compacted (temp file, fsync, atomic
 * move), so it only grows with the changes of one run.
 */
public final class SecretStore implements AutoCloseable {
    static final String JOURNAL = "secrets.journal";
    static final String BACKUP_KEY = "backup.key";

    private final Path dir;
    private FileChannel journal;

    private SecretStore(Path dir) {
        this.dir = dir;
    }

    /** No persistence: everything lives in memory. */
    public static SecretStore inMemory() {
        return new SecretStore(null);
    }

    public static SecretStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        return new SecretStore(dir);
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

    /** Replays the journal into {@code vaults}; returns false when there was none (a fresh data directory). */
    public boolean load(Map<String, Vault> vaults) {
        if (dir == null || !Files.exists(dir.resolve(JOURNAL))) {
            return false;
        }
        try (BufferedReader in = Files.newBufferedReader(dir.resolve(JOURNAL), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode entry;
                try {
                    entry = SecretJson.MAPPER.readTree(line);
                } catch (IOException torn) {
                    continue; // a write cut short (crash, full disk) was never acknowledged: skip just that line
                }
                Vault vault = entry == null ? null : vaults.get(entry.path("vault").asText());
                if (vault != null) {
                    try {
                        apply(vault, entry);
                    } catch (RuntimeException damaged) {
                        // an entry that parses but lacks its fields (edited by hand?): skipped like a torn one
                    }
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(JOURNAL), e);
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
            StringBuilder text = new StringBuilder();
            for (Vault vault : vaults) {
                for (Secret s : vault.secrets().values()) {
                    text.append(restoreEntry(vault, s)).append('\n');
                }
                for (DeletedSecret d : vault.deletedSecrets().values()) {
                    text.append(restoreEntry(vault, d.secret())).append('\n');
                    text.append(deleteEntry(vault, d)).append('\n');
                }
            }
            rewrite(text.toString().getBytes(StandardCharsets.UTF_8));
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
        byte[] line = (entry.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (journal == null) {
                journal = FileChannel.open(dir.resolve(JOURNAL), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
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
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
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

    /** The files hold secret values: readable by their owner only (where the file system has POSIX modes). */
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
