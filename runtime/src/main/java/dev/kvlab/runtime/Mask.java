package dev.kvlab.runtime;

/**
 * Masks secret values for display, so no printout, page, log or result file ever shows a whole value.
 *
 * <p>The rule: the first 20 characters then {@code ...}, but never more than half of the value, so a short
 * value is not shown whole either: {@code value.substring(0, min(20, value.length() / 2)) + "..."}.
 */
public final class Mask {
    /** How many leading characters a long value shows. */
    public static final int VISIBLE = 20;

    private Mask() {
    }

    /** The masked form of {@code value}; {@code null} stays {@code null} (no value is not a secret). */
    public static String value(String value) {
        if (value == null) {
            return null;
        }
        return value.substring(0, Math.min(VISIBLE, value.length() / 2)) + "...";
    }
}
