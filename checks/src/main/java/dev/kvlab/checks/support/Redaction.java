package dev.kvlab.checks.support;

import dev.kvlab.runtime.Mask;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret values a check run knows (seeded, created, rotated), so every message and captured output can have
 * them masked before it is printed or written: results never contain a whole secret value.
 */
public final class Redaction {
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Redaction() {}

    public static void remember(String value) {
        if (value != null && value.length() >= 4) {
            KNOWN.add(value);
        }
    }

    /** A known value that {@code text} holds whole, or null. */
    public static String foundIn(String text) {
        if (text == null) {
            return null;
        }
        return KNOWN.stream().filter(text::contains).findFirst().orElse(null);
    }

    /** {@code text} with every known value replaced by its masked form (longest first, so no value hides another). */
    public static String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : KNOWN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (out.contains(value)) {
                out = out.replace(value, Mask.value(value));
            }
        }
        return out;
    }
}
