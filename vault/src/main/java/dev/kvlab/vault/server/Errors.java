package dev.kvlab.vault.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.kvlab.vault.VaultResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Azure's error envelope for the few errors the HTTPS front answers itself. */
final class Errors {
    private Errors() {
    }

    static VaultResponse of(int status, String code, String message) {
        String json = "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}";
        return new VaultResponse(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** A client-supplied string cut short and stripped of control characters, fit to echo in a message. */
    static String safe(String text) {
        if (text == null) {
            return "(none)";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }

    /** {@code text} as a JSON string literal, quotes included. */
    private static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
