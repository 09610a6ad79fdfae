package dev.kvlab.checks.support;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.security.keyvault.secrets.implementation.KeyVaultCredentialPolicy;
import java.util.Collections;
import java.util.WeakHashMap;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.runtime.Lab;
import dev.kvlab.vault.AuditEvent;
import dev.kvlab.vault.LocalVault;
import java.time.Duration;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;
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

    /**
     * A recorded client that is not signed in (local vault only): it sends a bearer token the vault's token service
     * never issued, so every call ends in 401 Unauthorized, as for a caller whose sign-in failed or was never made.
     */
    public SecretClient clientSignedOut() {
        localVault();
        TokenCredential forged = request -> Mono.just(new AccessToken("not-a-token", OffsetDateTime.now().plusHours(1)));
        Lab.Connection signedIn = Lab.connection(local, local.url(), LEARNER, http);
        return build(new Lab.Connection(signedIn.vaultUrl(), forged, signedIn.httpClient(),
                signedIn.verifyChallengeResource()), true);
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
        return build(isLocal() ? Lab.connection(local, local.url(), principal, http) : Lab.connection(), recorded);
    }

    private SecretClient build(Lab.Connection connection, boolean recorded) {
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
     * forwarded; the vault's answer goes back as it came ({@link Relay}).
     */
    static final class Route {
        private final Relay relay;

        /** {@code learnerChallenge}: the learner's SDK runs the challenge handshake itself (a builder's client). */
        Route(Lab.Connection connection, RequestLog log, boolean learnerChallenge) {
            HttpClient http = connection.httpClient() != null ? connection.httpClient() : HttpClient.createDefault();
            HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(http)
                    .policies(new KeyVaultCredentialPolicy(connection.credential(), !connection.verifyChallengeResource()))
                    .build();
            // a builder's client asks without a token first, to learn the vault's challenge: the vault answers it
            HttpPipeline unsigned = learnerChallenge ? new HttpPipelineBuilder().httpClient(http).build() : null;
            this.relay = new Relay(connection.vaultUrl(), "vault", pipeline, unsigned, log);
        }

        String vaultUrl() {
            return relay.url();
        }

        Relay relay() {
            return relay;
        }
    }
}
