package dev.kvlab.vault;

import java.util.Map;

/** What the secrets service answers; the HTTPS server writes it out as it is. */
public record VaultResponse(int status, Map<String, String> headers, byte[] body) {
}
