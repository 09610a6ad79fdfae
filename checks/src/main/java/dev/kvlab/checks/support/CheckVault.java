package dev.kvlab.checks.support;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.security.keyvault.secrets.implementation.KeyVaultCredentialPolicy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Base64;
import java.util.Collections;
import java.util.WeakHashMap;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.runtime.Lab;
import dev.kvlab.vault.AuditEvent;
import dev.kvlab.vault.LocalVault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vault one check runs against, and what it saw. Stage 1: the run's local vault, freshly reset for each check,
 * with its audit log. Stage 2: the real vault named by {@code KEY_VAULT_URL}, shared with other people, where a
 * check only touches secrets with the run's unique prefix, and {@link #cleanUp} deletes and purges them. Stage 2
 * signs in like the lab's programs do ({@code Lab.builder()}: {@code DefaultAzureCredential} on this process's
 * environment, loopback routing and {@code KVLAB_CA_CERT} for a vault from {@code ./jbang vault}).
 */
public final class CheckVault {
    /** The identity the learner's code runs as: the lab's default user (Key Vault Secrets Officer). */
    public static final String LEARNER = "lab-user";

    private final LocalVault local;
    private final HttpClient http;
    private final String prefix;
    private final RequestLog requests = new RequestLog();
    private final Set<String> created = new LinkedHashSet<>();
    /** Every recorded client's route, whichever CheckVault made it ({@link #on} makes more); identity keys. */
    private static final Map<SecretClient, Route> ROUTES = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<SecretClientBuilder, Route> BUILDERS = Collections.synchronizedMap(new WeakHashMap<>());
    private SecretClient learnerClient;
    private SecretClient adminClient;

    private CheckVault(LocalVault local, HttpClient http, String prefix) {
        this.local = local;
        this.http = http;
        this.prefix = prefix;
    }

    /** {@code http}: the run's one HTTP client for its local vault (a TLS context per client would cost seconds). */
    static CheckVault local(LocalVault vault, HttpClient http, String prefix) {
        return new CheckVault(vault, http, prefix);
    }

    static CheckVault shared(String prefix) {
        return new CheckVault(null, null, prefix);
    }

    /**
     * The same check against another local vault the check started (stage 1 only), e.g. one with purge protection or
     * a short soft-delete retention, which are fixed when a vault starts. Its certificate comes from the same CA, so
     * the run's HTTP client serves it too.
     */
    public CheckVault on(LocalVault other) {
        localVault();
        return new CheckVault(other, http, prefix);
    }

    /** Whether this is the local vault (stage 1), with audit log, roles and clock. */
    public boolean isLocal() {
        return local != null;
    }

    /** The local vault; only stage-1 checks may ask. */
    public LocalVault localVault() {
        if (local == null) {
            throw new IllegalStateException("this check needs the local vault; it must not be tagged shared-vault");
        }
        return local;
    }

    /** The client the learner's code gets: signed in as {@link #LEARNER}, every call recorded in {@link #requests}. */
    public SecretClient client() {
        if (learnerClient == null) {
            learnerClient = build(LEARNER, true);
        }
        return learnerClient;
    }

    /**
     * A builder for the learner's code to finish and build (retry options, policies), holding this vault's URL, a
     * credential and a transport: in the learner's process it becomes a {@code SecretClientBuilder} whose requests
     * the judge relays, records in {@link #requests} with their timing, and signs in as {@link #LEARNER}. The SDK's
     * challenge handshake runs in the learner's process (the judge forwards a request without a token as it is).
     */
    public SecretClientBuilder builder() {
        Lab.Connection connection = isLocal() ? Lab.connection(local, local.url(), LEARNER, http) : Lab.connection();
        SecretClientBuilder builder = connection.builder();
        BUILDERS.put(builder, new Route(connection, requests, true));
        return builder;
    }

    /** A recorded client signed in as another principal (local vault only). */
    public SecretClient clientAs(String principal) {
        localVault();
        return build(principal, true);
    }

    /** The check's own client, for setting up and verifying: its calls are not recorded. */
    public SecretClient admin() {
        if (adminClient == null) {
            adminClient = build(LEARNER, false);
        }
        return adminClient;
    }

    public RequestLog requests() {
        return requests;
    }

    /** The local vault's audit log: what the vault itself saw (stage 1 only). */
    public List<AuditEvent> audit() {
        return localVault().auditLog().events();
    }

    /** A secret name no one else uses: the run's prefix, then {@code base}. */
    public String name(String base) {
        String name = prefix + base;
        created.add(name);
        return name;
    }

    /** Stores a secret (through the unrecorded client) that the check will clean up in stage 2. */
    public KeyVaultSecret put(String name, String value, String contentType, Map<String, String> tags) {
        created.add(name);
        Redaction.remember(value);
        KeyVaultSecret secret = new KeyVaultSecret(name, value);
        secret.getProperties().setContentType(contentType);
        secret.getProperties().setTags(tags);
        return admin().setSecret(secret);
    }

    /** Names this check created (or told the learner's code to create). */
    public Set<String> created() {
        return Set.copyOf(created);
    }

    /** Stage 2: deletes and purges what this check created, so a shared vault keeps nothing of the run. */
    void cleanUp() {
        if (isLocal()) {
            return;
        }
        List<String> left = new ArrayList<>();
        for (String name : created) {
            try {
                admin().beginDeleteSecret(name).setPollInterval(Duration.ofMillis(250))
                        .waitForCompletion(Duration.ofSeconds(30));
            } catch (HttpResponseException e) {
                if (e.getResponse().getStatusCode() == 404) {
                    continue; // never created (or the learner's code did not get that far)
                }
                left.add(name);
                continue;
            } catch (RuntimeException e) {
                left.add(name);
                continue;
            }
            if (!purge(name)) {
                left.add(name);
            }
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException("could not clean up " + String.join(", ", left)
                    + " in the real vault: delete and purge them by hand (az keyvault secret delete/purge)");
        }
    }

    private boolean purge(String name) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                admin().purgeDeletedSecret(name);
                return true;
            } catch (HttpResponseException e) {
                int status = e.getResponse().getStatusCode();
                if (status != 409 && status != 404) {
                    return false; // e.g. 403: purge protection, or no purge permission
                }
                pause(); // the real vault needs a moment between delete and purge
            }
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SecretClient build(String principal, boolean recorded) {
        Lab.Connection connection = isLocal() ? Lab.connection(local, local.url(), principal, http) : Lab.connection();
        SecretClientBuilder builder = connection.builder();
        if (recorded) {
            builder.addPolicy(requests);
        }
        SecretClient client = builder.buildClient();
        if (recorded) {
            ROUTES.put(client, new Route(connection, requests, false));
        }
        return client;
    }

    /** How the learner's process reaches the vault as {@code client} (one of this vault's recorded clients), or null. */
    static Route route(SecretClient client) {
        return ROUTES.get(client);
    }

    /** How the learner's process reaches the vault through {@code builder} (from {@link #builder()}), or null. */
    static Route route(SecretClientBuilder builder) {
        return BUILDERS.get(builder);
    }

    /**
     * The judge's end of a learner's client: each request the learner's process sends is checked to be for this
     * vault, recorded, signed in with this client's credential (the learner's process never holds a token) and
     * forwarded; the vault's answer goes back as it came.
     */
    static final class Route {
        private static final Set<String> NOT_RELAYED = Set.of("authorization", "host", "content-length", "connection",
                "transfer-encoding");
        private final Lab.Connection connection;
        private final RequestLog log;
        private final HttpPipeline pipeline;
        /** Null for a client the judge built; for a builder's client, sends a request without a token as it is. */
        private final HttpPipeline unsigned;

        /** {@code learnerChallenge}: the learner's SDK runs the challenge handshake itself (a builder's client). */
        Route(Lab.Connection connection, RequestLog log, boolean learnerChallenge) {
            this.connection = connection;
            this.log = log;
            HttpClient http = connection.httpClient() != null ? connection.httpClient() : HttpClient.createDefault();
            this.pipeline = new HttpPipelineBuilder().httpClient(http)
                    .policies(new KeyVaultCredentialPolicy(connection.credential(), !connection.verifyChallengeResource()))
                    .build();
            this.unsigned = learnerChallenge ? new HttpPipelineBuilder().httpClient(http).build() : null;
        }

        String vaultUrl() {
            return connection.vaultUrl().toString();
        }

        ObjectNode relay(ObjectNode request, ObjectNode reply) {
            long sentAt = System.nanoTime();
            URL url;
            HttpMethod method;
            try {
                url = new URL(request.path("url").asText());
                method = HttpMethod.valueOf(request.path("method").asText());
            } catch (MalformedURLException | IllegalArgumentException e) {
                return reply.put("refused", "not a request the lab can send");
            }
            URI vault = connection.vaultUrl();
            if (!"https".equals(url.getProtocol()) || !url.getHost().equalsIgnoreCase(vault.getHost())
                    || url.getPort() != vault.getPort()) {
                return reply.put("refused", "the learner's client may only talk to " + vault);
            }
            HttpRequest forward = new HttpRequest(method, url);
            request.path("headers").fields().forEachRemaining(h -> {
                if (!NOT_RELAYED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    forward.setHeader(HttpHeaderName.fromString(h.getKey()), h.getValue().asText());
                }
            });
            if (request.hasNonNull("body")) {
                forward.setBody(Base64.getDecoder().decode(request.get("body").asText()));
            }
            // a builder's client asks without a token first, to learn the vault's challenge: let the vault answer it
            boolean signIn = unsigned == null || header(request, "authorization") != null;
            try (HttpResponse response = (signIn ? pipeline : unsigned).sendSync(forward, Context.NONE)) {
                byte[] body = response.getBodyAsBinaryData().toBytes();
                log.record(method.name(), url.getPath(), response.getStatusCode());
                log.record(new RequestLog.Attempt(method.name(), url.getPath(), response.getStatusCode(),
                        request.path("client").asText() + "/" + request.path("thread").asText(), sentAt, System.nanoTime(),
                        retryAfter(response)));
                reply.put("status", response.getStatusCode());
                ObjectNode headers = reply.putObject("headers");
                for (HttpHeader h : response.getHeaders()) {
                    headers.put(h.getName(), h.getValue());
                }
                reply.put("body", Base64.getEncoder().encodeToString(body));
                return reply;
            } catch (RuntimeException e) {
                log.record(method.name(), url.getPath(), -1);
                return reply.put("refused", "cannot reach the vault: " + e.getClass().getSimpleName());
            }
        }

        /** A header of the learner's request, whatever its case, or null. */
        private static String header(ObjectNode request, String name) {
            for (var it = request.path("headers").fields(); it.hasNext(); ) {
                var h = it.next();
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().asText();
                }
            }
            return null;
        }

        /** The wait an answer asks for, as the SDK reads it: {@code retry-after-ms}, else {@code Retry-After} seconds. */
        private static Duration retryAfter(HttpResponse response) {
            try {
                String ms = response.getHeaderValue(HttpHeaderName.fromString("retry-after-ms"));
                if (ms != null) {
                    return Duration.ofMillis(Long.parseLong(ms.trim()));
                }
                String seconds = response.getHeaderValue(HttpHeaderName.RETRY_AFTER);
                return seconds == null ? null : Duration.ofSeconds(Long.parseLong(seconds.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
