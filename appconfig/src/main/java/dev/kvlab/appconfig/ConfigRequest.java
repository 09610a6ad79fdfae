package dev.kvlab.appconfig;

import java.util.function.Function;

/**
 * One request as the store sees it, after the HTTPS front read it.
 *
 * @param rawPath  the path as sent (still percent-encoded: the HMAC signature covers it so)
 * @param rawQuery the query as sent, or null
 * @param header   a request header by name, any case (null when absent)
 */
record ConfigRequest(String method, String rawPath, String rawQuery, Function<String, String> header, byte[] body) {

    String pathAndQuery() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }
}
