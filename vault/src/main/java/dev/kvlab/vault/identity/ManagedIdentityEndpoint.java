package dev.kvlab.vault.identity;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kvlab.vault.IssuedToken;
import dev.kvlab.vault.LocalAuthority;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import dev.kvlab.vault.server.Loopback;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A managed-identity endpoint on loopback that speaks Azure App Service's protocol, so
 * {@code DefaultAzureCredential} signs in unmodified when {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}
 * point here: {@code GET /msi/token?resource=R&api-version=2019-08-01} with header {@code X-IDENTITY-HEADER}
 * answers {@code {access_token, expires_on, resource, token_type, client_id}}. The principal is {@code lab-user}
 * unless the request names another one ({@code client_id}, {@code principal_id}, {@code object_id} or
 * {@code mi_res_id}, as a user-assigned identity would).
 */
public final class ManagedIdentityEndpoint implements AutoCloseable {
    public static final String PATH = "/msi/token";
    public static final String API_VERSION = "2019-08-01";
    public static final String SECRET_HEADER = "X-IDENTITY-HEADER";

    private final TokenService tokens;
    private final String secret;
    private final HttpServer server;
    private final ExecutorService executor;

    private ManagedIdentityEndpoint(TokenService tokens, String secret, HttpServer server, ExecutorService executor) {
        this.tokens = tokens;
        this.secret = secret;
        this.server = server;
        this.executor = executor;
    }

    /** Starts the endpoint on 127.0.0.1 ({@code port} 0 = any free port) with a random header secret. */
    public static ManagedIdentityEndpoint start(TokenService tokens, int port) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return start(tokens, port, HexFormat.of().formatHex(random));
    }

    /** Starts the endpoint with a given header secret (the standalone vault keeps it across restarts). */
    public static ManagedIdentityEndpoint start(TokenService tokens, int port, String secret) {
        dev.kvlab.vault.server.VaultServer.noDelay();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(Loopback.IPV4, port), 16);
            // a thread per connection, not a fixed few: a client that stalls mid-request holds up only itself
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "kvlab-identity");
                thread.setDaemon(true);
                return thread;
            });
            ManagedIdentityEndpoint endpoint = new ManagedIdentityEndpoint(tokens, secret, server, executor);
            server.createContext("/", endpoint::serve);
            server.setExecutor(executor);
            dev.kvlab.vault.server.VaultServer.startAsDaemon(server);
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the managed-identity endpoint: " + e.getMessage(), e);
        }
    }

    /** The value for {@code IDENTITY_ENDPOINT}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** The value for {@code IDENTITY_HEADER}: callers must send it back, which proves they run on this machine. */
    public String secret() {
        return secret;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            Answer answer = answer(exchange);
            byte[] bytes = answer.json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(answer.status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            // never a stack trace to the caller; the connection is closed by the try-with-resources
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private record Answer(int status, String json) {
    }

    private Answer answer(HttpExchange exchange) {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            return error(404, "Not found: the token endpoint is " + PATH);
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            return error(405, "Only GET is supported");
        }
        String header = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
        if (header == null || header.isEmpty()) {
            return error(400, "The " + SECRET_HEADER + " header is missing");
        }
        if (!java.security.MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            return error(401, "The " + SECRET_HEADER + " header is not valid");
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!API_VERSION.equals(query.get("api-version"))) {
            return error(400, "Unsupported api-version; use " + API_VERSION);
        }
        String resource = query.get("resource");
        if (resource == null || resource.isBlank()) {
            return error(400, "The resource parameter is missing");
        }
        String principal = LocalAuthority.LAB_USER;
        for (String name : new String[] {"client_id", "principal_id", "object_id", "mi_res_id"}) {
            String value = query.get(name);
            if (value != null && !value.isBlank()) {
                principal = value;
            }
        }
        IssuedToken token = tokens.issue(principal, resource, TokenService.LIFETIME);
        String json = "{\"access_token\":\"" + token.token() + "\""
                + ",\"expires_on\":\"" + token.expiresAt().getEpochSecond() + "\""
                + ",\"resource\":" + quote(resource)
                + ",\"token_type\":\"Bearer\""
                + ",\"client_id\":" + quote(principal) + "}";
        return new Answer(200, json);
    }

    private static Answer error(int status, String message) {
        return new Answer(status, "{\"statusCode\":" + status + ",\"message\":" + quote(message) + "}");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    /** {@code text} as a JSON string literal, quotes included. */
    static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
