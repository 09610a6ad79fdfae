package dev.kvlab.vault.server;

import java.util.Map;

/**
 * What a {@link HostHandler} answers; the front writes it as it is, adding {@code Date}, {@code Content-Length} and
 * {@code Connection} itself (those it sets are ignored), and sends no body for HEAD, 204 and 304.
 */
public record HostResponse(int status, Map<String, String> headers, byte[] body) {
    public HostResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("not a final HTTP status: " + status);
        }
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers)); // order kept
        body = body == null ? new byte[0] : body;
    }
}
