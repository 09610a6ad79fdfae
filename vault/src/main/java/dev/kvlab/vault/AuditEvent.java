package dev.kvlab.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.vault.secrets.SecretJson;
import java.time.Duration;
import java.time.Instant;

/**
 * One request as Key Vault's diagnostic log (category AuditEvent) would record it. It never holds a secret value:
 * only names, ids and outcomes.
 *
 * @param time      when the request arrived, on the vault's clock
 * @param vault     the vault name
 * @param operation Azure's operation name, e.g. {@code SecretGet}, {@code SecretSet}, {@code SecretList}
 * @param caller    the principal, {@code (anonymous)} without a token, {@code (rejected: <reason>)} for a bad one
 * @param result    Azure's result signature: the status name, e.g. {@code OK}, {@code Unauthorized}, {@code Forbidden}
 * @param status    the HTTP status
 * @param secretId  the secret's id ({@code https://<host>/secrets/<name>[/<version>]}) or null when there is none
 * @param requestUri the path and query the client sent
 * @param duration  how long the service took to answer
 */
public record AuditEvent(Instant time, String vault, String operation, String caller, String result, int status,
                         String secretId, String requestUri, Duration duration) {

    /** This event as one JSON object on one line, field names like Azure's AuditEvent log. */
    public String toJsonLine() {
        ObjectNode node = SecretJson.MAPPER.createObjectNode();
        node.put("time", time.toString());
        node.put("resource", vault);
        node.put("operationName", operation);
        node.put("identity", caller);
        node.put("resultSignature", result);
        node.put("httpStatusCode", status);
        if (secretId != null) {
            node.put("id", secretId);
        }
        node.put("requestUri", requestUri);
        node.put("durationMs", duration.toMillis());
        try {
            return SecretJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
