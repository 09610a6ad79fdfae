package dev.kvlab.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Drives {@link VaultService#handle} the way the HTTPS server does, for tests of the secrets service without a
 * network: one method per HTTP verb, as a chosen principal, on a chosen vault and api-version.
 */
final class ServiceCalls {
    static final ObjectMapper JSON = new ObjectMapper();

    final VaultService service;
    private final String vault;
    private final Caller caller;
    private final String apiVersion;

    ServiceCalls(VaultService service) {
        this(service, "kvlab", new Caller.Authenticated(LocalAuthority.LAB_USER), "7.6");
    }

    private ServiceCalls(VaultService service, String vault, Caller caller, String apiVersion) {
        this.service = service;
        this.vault = vault;
        this.caller = caller;
        this.apiVersion = apiVersion;
    }

    ServiceCalls as(String principal) {
        return new ServiceCalls(service, vault, new Caller.Authenticated(principal), apiVersion);
    }

    ServiceCalls as(Caller caller) {
        return new ServiceCalls(service, vault, caller, apiVersion);
    }

    ServiceCalls vault(String name) {
        return new ServiceCalls(service, name, caller, apiVersion);
    }

    ServiceCalls api(String version) {
        return new ServiceCalls(service, vault, caller, version);
    }

    String baseUrl() {
        return "https://" + vault + ".localhost:8443";
    }

    /** Sends {@code method} to {@code target} (a path, or an absolute next link) with {@code body} (or null). */
    Response send(String method, String target, String body) {
        String pathAndQuery = target.startsWith("https://") ? target.substring(baseUrl().length()) : target;
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        if (apiVersion != null && (query == null || !query.contains("api-version="))) {
            query = (query == null ? "" : query + "&") + "api-version=" + apiVersion;
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        VaultResponse r = service.handle(new VaultRequest(method, vault, baseUrl(), path, query, bytes, caller));
        return new Response(r);
    }

    Response get(String target) {
        return send("GET", target, null);
    }

    Response put(String path, String body) {
        return send("PUT", path, body);
    }

    Response patch(String path, String body) {
        return send("PATCH", path, body);
    }

    Response post(String path, String body) {
        return send("POST", path, body);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sets {@code name} to {@code value}; returns the new version id. */
    String set(String name, String value) {
        Response r = put("/secrets/" + name, "{\"value\":\"" + value + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("set " + name + " answered " + r.status() + " " + r.text());
        }
        String id = r.json().get("id").asText();
        return id.substring(id.lastIndexOf('/') + 1);
    }

    record Response(VaultResponse raw) {
        int status() {
            return raw.status();
        }

        String header(String name) {
            return raw.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
        }

        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String code() {
            return json().path("error").path("code").asText(null);
        }

        String innerCode() {
            return json().path("error").path("innererror").path("code").asText(null);
        }

        String message() {
            return json().path("error").path("message").asText(null);
        }
    }
}
