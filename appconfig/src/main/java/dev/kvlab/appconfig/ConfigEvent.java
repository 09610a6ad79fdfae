package dev.kvlab.appconfig;

import java.time.Duration;
import java.time.Instant;

/**
 * One request the store answered, as App Configuration's request log would record it. Never a value: a Key Vault
 * reference's target or a connection string in a setting stays out of the log.
 *
 * @param operation the REST operation, e.g. {@code GetKeyValue}, {@code GetKeyValues}, {@code PutKeyValue}
 * @param caller    the principal, {@code hmac:<access key id>}, {@code (anonymous)} or {@code (rejected: <reason>)}
 * @param key       the key the request names, or null
 * @param label     the label it names (null for none)
 */
public record ConfigEvent(Instant time, String operation, String caller, int status, String key, String label,
                          String requestUri, Duration duration) {
}
