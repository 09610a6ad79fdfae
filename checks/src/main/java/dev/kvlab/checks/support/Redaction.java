package dev.kvlab.checks.support;

import dev.kvlab.runtime.Mask;
import java.util.Comparator;
import java.util.List;
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

    /** Any run of this many characters of a secret value, beyond what its mask shows, counts as a leak. */
    public static final int LEAK = 12;

    /** A value's hidden part shorter than this is only looked for whole (a few characters match anything). */
    private static final int SHORTEST_PIECE = 6;

    /**
     * The pieces of {@code value} that count as a leak: runs of {@value #LEAK} characters (or the whole hidden part
     * when it is shorter) lying wholly in the part {@link Mask#value} hides. A run that starts in the shown part
     * would also match public text the value happens to hold: the seed's connection string starts with
     * {@code AccountEndpoint=https://kvlab-cosmos...}, and its run {@code =https://kvl} ate vault URLs.
     */
    static List<String> pieces(String value) {
        int shown = Mask.value(value).length() - 3;
        int length = Math.min(LEAK, value.length() - shown);
        if (length < SHORTEST_PIECE) {
            return List.of();
        }
        List<String> pieces = new java.util.ArrayList<>();
        for (int i = shown; i + length <= value.length(); i++) {
            pieces.add(value.substring(i, i + length));
        }
        return pieces;
    }

    /**
     * A known value of which {@code text} holds {@value #LEAK} or more consecutive characters beyond what
     * {@link Mask#value} shows (all of them when fewer are hidden), or the whole value, or null: printing a value whole, reversed in pieces or in its tail all leak it.
     */
    public static String leakIn(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        for (String value : KNOWN) {
            if (text.contains(value)) {
                return value;
            }
            for (String piece : pieces(value)) {
                if (text.contains(piece)) {
                    return value;
                }
            }
        }
        return null;
    }

    /** {@code text} with every known value replaced by its masked form (longest first, so no value hides another). */
    public static String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        List<String> values = KNOWN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String value : values) {
            if (out.contains(value)) {
                out = out.replace(value, Mask.value(value));
            }
        }
        // pieces of a value that its mask does not show (a tail, a value cut in two) go too
        for (String value : values) {
            for (String piece : pieces(value)) {
                if (out.contains(piece)) {
                    out = out.replace(piece, "[hidden]");
                }
            }
        }
        return out;
    }
}
