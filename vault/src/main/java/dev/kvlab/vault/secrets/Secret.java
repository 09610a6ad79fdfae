package dev.kvlab.vault.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * A named secret and all its versions, oldest first; the newest is the latest. Guarded by its vault's lock:
 * mutated only under the write lock, read under the read lock.
 */
public final class Secret {
    private final String name;
    private final LinkedHashMap<String, SecretVersion> versions = new LinkedHashMap<>();
    private SecretVersion latest;

    public Secret(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String key() {
        return key(name);
    }

    /** Key Vault names are case-insensitive: this is the form they are looked up by. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public SecretVersion latest() {
        return latest;
    }

    public SecretVersion version(String version) {
        return versions.get(version);
    }

    public List<SecretVersion> versions() {
        return new ArrayList<>(versions.values());
    }

    public int versionCount() {
        return versions.size();
    }

    /** Adds a new version (it becomes the latest) or replaces an existing one's properties. */
    public void put(SecretVersion version) {
        SecretVersion previous = versions.put(version.version(), version);
        if (previous == null || latest.version().equals(version.version())) {
            latest = version;
        }
    }
}
