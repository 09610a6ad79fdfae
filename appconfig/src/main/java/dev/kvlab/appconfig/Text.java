package dev.kvlab.appconfig;

/** Client-supplied text made fit to echo in an error message. */
final class Text {
    private Text() {
    }

    /** Cut to 100 characters, control characters (including the no-label {@code \0}) shown escaped. */
    static String safe(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 100; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.length() > 100 ? out + "..." : out.toString();
    }
}
