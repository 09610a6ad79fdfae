package dev.kvlab.vault.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvlab.vault.VaultRequest;
import java.time.Instant;
import java.util.Map;

/** One request on its way through an operation: what it addresses, its api-version and the time it arrived. */
public final class Call {
    final VaultRequest request;
    final Vault vault;
    final ApiVersion api;
    final String name;
    final String version;
    final Instant now;
    private final Map<String, String> query;

    public Call(VaultRequest request, Vault vault, ApiVersion api, SecretsApi.Match match, Map<String, String> query,
                Instant now) {
        this.request = request;
        this.vault = vault;
        this.api = api;
        this.name = match.name();
        this.version = match.version();
        this.query = query;
        this.now = now;
    }

    String baseUrl() {
        String base = request.baseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String query(String key) {
        return query.get(key);
    }

    Reply ok(JsonNode body) {
        return new Reply(200, body, null);
    }

    Reply ok(JsonNode body, Secret s, SecretVersion v) {
        return new Reply(200, body, baseUrl() + "/secrets/" + s.name() + (v == null ? "" : "/" + v.version()));
    }
}
