package dev.kvlab.appconfig;

import dev.kvlab.vault.VaultClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The key-values of one App Configuration store, their revisions and locks, in memory. Reads share a read lock,
 * changes take the write lock; each change moves the sequence number that Sync-Token headers carry.
 */
final class ConfigStore {
    /** Items per page, as Azure's App Configuration pages lists. */
    static final int PAGE_SIZE = 100;
    /** Azure's limit on one key-value: key, label, value, content type and tags together. */
    static final int MAX_SETTING_BYTES = 10 * 1024;

    private final VaultClock clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final NavigableMap<Setting.Id, Setting> settings = new TreeMap<>();
    /** Every revision, oldest first; a revision's position is its id in the revisions list's paging. */
    private final List<Setting> revisions = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();
    private long sequence;

    ConfigStore(VaultClock clock) {
        this.clock = clock;
    }

    /** A page of items and the continuation token of the next page (null on the last). */
    record Page<T>(List<T> items, String after) {
    }

    long sequence() {
        return read(() -> sequence);
    }

    Setting get(String key, String label) {
        return read(() -> settings.get(new Setting.Id(key, label)));
    }

    Page<Setting> list(Filter keys, Filter labels, Map<String, String> tags, String after) {
        return read(() -> {
            Iterator<Setting> candidates = (after == null ? settings : settings.tailMap(decodeAfter(after), false))
                    .values().iterator();
            List<Setting> page = new ArrayList<>();
            while (candidates.hasNext()) {
                Setting setting = candidates.next();
                if (!keys.matches(setting.key()) || !labels.matches(setting.label()) || !hasTags(setting, tags)) {
                    continue;
                }
                if (page.size() == PAGE_SIZE) {
                    Setting last = page.get(page.size() - 1);
                    return new Page<>(page, encodeAfter(last.key(), last.label()));
                }
                page.add(setting);
            }
            return new Page<>(page, null);
        });
    }

    /** Newest first, as Azure lists revisions. */
    Page<Setting> revisions(Filter keys, Filter labels, String after) {
        return read(() -> {
            int start = after == null ? revisions.size() - 1 : decodeIndex(after) - 1;
            List<Setting> page = new ArrayList<>();
            for (int i = Math.min(start, revisions.size() - 1); i >= 0; i--) {
                Setting revision = revisions.get(i);
                if (!keys.matches(revision.key()) || !labels.matches(revision.label())) {
                    continue;
                }
                if (page.size() == PAGE_SIZE) {
                    return new Page<>(page, encodeIndex(i + 1));
                }
                page.add(revision);
            }
            return new Page<>(page, null);
        });
    }

    /** The labels in use ({@code null} for the missing label first), in order. */
    Page<String> labels(Filter names, String after) {
        return read(() -> {
            boolean noLabel = false;
            TreeSet<String> labels = new TreeSet<>();
            for (Setting setting : settings.values()) {
                if (setting.label() == null) {
                    noLabel |= names.matches(null);
                } else if (names.matches(setting.label())) {
                    labels.add(setting.label());
                }
            }
            List<String> all = new ArrayList<>();
            if (noLabel) {
                all.add(null);
            }
            all.addAll(labels);
            int from = after == null ? 0 : decodeIndex(after);
            int to = Math.min(all.size(), from + PAGE_SIZE);
            List<String> page = from >= all.size() ? List.of() : new ArrayList<>(all.subList(from, to));
            return new Page<>(page, to < all.size() ? encodeIndex(to) : null);
        });
    }

    Setting set(String key, String label, String value, String contentType, Map<String, String> tags,
                Conditions conditions) {
        return write(() -> {
            Setting current = settings.get(new Setting.Id(key, label));
            conditions.checkWrite(current);
            if (current != null && current.locked()) {
                throw Problem.keyLocked(key);
            }
            return change(new Setting(key, label, value, contentType, tags, newEtag(), clock.now(), false));
        });
    }

    /** The deleted key-value, or null when there was none. */
    Setting delete(String key, String label, Conditions conditions) {
        return write(() -> {
            Setting current = settings.get(new Setting.Id(key, label));
            conditions.checkWrite(current);
            if (current == null) {
                return null;
            }
            if (current.locked()) {
                throw Problem.keyLocked(key);
            }
            settings.remove(current.id());
            sequence++;
            return current;
        });
    }

    /** Locks or unlocks a key-value; null when there is none. */
    Setting lock(String key, String label, boolean locked, Conditions conditions) {
        return write(() -> {
            Setting current = settings.get(new Setting.Id(key, label));
            conditions.checkWrite(current);
            if (current == null) {
                return null;
            }
            return change(current.withLock(locked, newEtag(), clock.now()));
        });
    }

    /** Empties the store and puts {@code seed} in, as first revisions. */
    void reset(List<Setting> seed) {
        write(() -> {
            settings.clear();
            revisions.clear();
            for (Setting setting : seed) {
                change(new Setting(setting.key(), setting.label(), setting.value(), setting.contentType(),
                        setting.tags(), newEtag(), clock.now(), setting.locked()));
            }
            return null;
        });
    }

    private Setting change(Setting next) {
        settings.put(next.id(), next);
        revisions.add(next);
        sequence++;
        return next;
    }

    private static boolean hasTags(Setting setting, Map<String, String> tags) {
        for (Map.Entry<String, String> wanted : tags.entrySet()) {
            String value = setting.tags().get(wanted.getKey());
            boolean match = wanted.getValue() == null ? setting.tags().containsKey(wanted.getKey()) && value == null
                    : wanted.getValue().equals(value);
            if (!match) {
                return false;
            }
        }
        return true;
    }

    private String newEtag() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    // Continuation tokens are opaque to clients: base64url of the last key and label, or of a position.
    private static String encodeAfter(String key, String label) {
        String text = key + "\n" + (label == null ? "\0" : "=" + label);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Setting.Id decodeAfter(String after) {
        String text = decode(after);
        int newline = text.lastIndexOf('\n');
        String rest = newline < 0 ? "" : text.substring(newline + 1);
        if (newline < 0 || !(rest.equals("\0") || rest.startsWith("="))) {
            throw Problem.invalidArgument("After", "The continuation token is not valid.");
        }
        return new Setting.Id(text.substring(0, newline), rest.equals("\0") ? null : rest.substring(1));
    }

    private static String encodeIndex(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("#" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeIndex(String after) {
        String text = decode(after);
        try {
            if (text.startsWith("#")) {
                int index = Integer.parseInt(text.substring(1));
                if (index >= 0) {
                    return index;
                }
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw Problem.invalidArgument("After", "The continuation token is not valid.");
    }

    private static String decode(String after) {
        try {
            return new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problem.invalidArgument("After", "The continuation token is not valid.");
        }
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
