package dev.kvlab.appconfig;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One revision of a key-value: App Configuration identifies a setting by key plus label ({@code null} = no label),
 * and every change gives it a new ETag.
 */
public record Setting(String key, String label, String value, String contentType, Map<String, String> tags,
                      String etag, Instant lastModified, boolean locked) {

    public Setting {
        // a tag's value may be null (Azure keeps it so), which Map.copyOf would refuse
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** The same setting, locked or unlocked, with a new ETag. */
    Setting withLock(boolean lock, String newEtag, Instant now) {
        return new Setting(key, label, value, contentType, tags, newEtag, now, lock);
    }

    /** Key and label: what names a setting. */
    record Id(String key, String label) implements Comparable<Id> {
        @Override
        public int compareTo(Id other) {
            int byKey = key.compareTo(other.key);
            if (byKey != 0) {
                return byKey;
            }
            if (label == null || other.label == null) {
                return label == null ? (other.label == null ? 0 : -1) : 1;
            }
            return label.compareTo(other.label);
        }
    }

    Id id() {
        return new Id(key, label);
    }
}
