package dev.kvlab.checks.support;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.DateTimeRfc1123;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.ConfigurationClientBuilder;
import com.azure.data.appconfiguration.implementation.ConfigurationClientCredentials;
import com.azure.data.appconfiguration.implementation.ConfigurationCredentialsPolicy;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.SecretReferenceConfigurationSetting;
import dev.kvlab.appconfig.ConfigEvent;
import dev.kvlab.appconfig.LocalAppConfig;
import dev.kvlab.runtime.Lab;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The App Configuration store one check runs against, and what it saw: {@link CheckVault}'s twin. Stage 1: the local
 * store that runs inside the run's local vault (so its Key Vault references point at {@link CheckVault}'s vault),
 * reset with it before each check. Stage 2: the store named by {@code APP_CONFIG_CONNECTION_STRING} or
 * {@code APP_CONFIG_ENDPOINT} ({@code Lab.storeConnection()}), shared with other people: a check only writes keys
 * made with {@link #key}, and {@link #cleanUp} deletes them afterwards.
 *
 * <p>A {@link #client()} handed to the learner's code becomes, in the learner's process, a {@code ConfigurationClient}
 * whose transport sends each request to the judge, which checks it is for this store, records it, signs it (a token,
 * or the HMAC signature of a connection string: the learner's process holds neither) and forwards it.
 */
public final class CheckStore {
    /** The identity the learner's code runs as on the local store: {@code app}, App Configuration Data Reader. */
    public static final String LEARNER = "app";
    /** Who sets up and verifies: {@code lab-user}, App Configuration Data Owner. */
    public static final String OWNER = Lab.LAB_USER;

    private static final Map<ConfigurationClient, Relay> ROUTES = Collections.synchronizedMap(new WeakHashMap<>());
    private final LocalAppConfig local;
    private final HttpClient http;
    private final String prefix;
    private final RequestLog requests = new RequestLog();
    private final Set<List<String>> created = new LinkedHashSet<>();
    private ConfigurationClient learnerClient;
    private ConfigurationClient adminClient;

    private CheckStore(LocalAppConfig local, HttpClient http, String prefix) {
        this.local = local;
        this.http = http;
        this.prefix = prefix;
    }

    /** {@code http}: the run's one HTTP client for its local vault (the store shares its port and CA). */
    static CheckStore local(LocalAppConfig store, HttpClient http, String prefix) {
        return new CheckStore(store, http, prefix);
    }

    static CheckStore shared(String prefix) {
        return new CheckStore(null, null, prefix);
    }

    /** Whether this is the local store (stage 1), with its audit log, roles and clock. */
    public boolean isLocal() {
        return local != null;
    }

    /** The local store; only stage-1 checks may ask. */
    public LocalAppConfig localStore() {
        if (local == null) {
            throw new IllegalStateException("this check needs the local store; it must not be tagged shared-vault");
        }
        return local;
    }

    /** The learner's client: {@link #LEARNER} on the local store (the environment's sign-in in stage 2), recorded. */
    public ConfigurationClient client() {
        if (learnerClient == null) {
            learnerClient = build(isLocal() ? LEARNER : null, true);
        }
        return learnerClient;
    }

    /** A recorded client signed in as {@code principal} (local store only). */
    public ConfigurationClient clientAs(String principal) {
        localStore();
        return build(principal, true);
    }

    /** A recorded client that signs each request with the local store's read-write connection string (HMAC). */
    public ConfigurationClient clientWithConnectionString() {
        return build(CONNECTION_STRING, true);
    }

    /** The check's own client ({@link #OWNER}), for setting up and verifying: its calls are not recorded. */
    public ConfigurationClient admin() {
        if (adminClient == null) {
            adminClient = build(isLocal() ? OWNER : null, false);
        }
        return adminClient;
    }

    public RequestLog requests() {
        return requests;
    }

    /** What the local store itself answered (stage 1 only). */
    public List<ConfigEvent> audit() {
        return localStore().auditLog().events();
    }

    /** A key no one else uses: the run's prefix, then {@code base} (e.g. {@code key("OpenAI:")}). */
    public String key(String base) {
        return prefix + base;
    }

    /** Stores a setting (unrecorded) that the check deletes afterwards in stage 2. */
    public ConfigurationSetting put(String key, String label, String value) {
        created.add(java.util.Arrays.asList(key, label));
        return admin().setConfigurationSetting(key, label, value);
    }

    /** Stores a Key Vault reference to {@code secretId} ({@code https://<vault>/secrets/<name>[/<version>]}). */
    public ConfigurationSetting putReference(String key, String label, String secretId) {
        created.add(java.util.Arrays.asList(key, label));
        return admin().setConfigurationSetting(new SecretReferenceConfigurationSetting(key, secretId).setLabel(label));
    }

    /** Stores any setting (a feature flag, say) as it is, unrecorded; stage 2 deletes it afterwards like {@link #put}. */
    public <T extends ConfigurationSetting> T put(T setting) {
        created.add(java.util.Arrays.asList(setting.getKey(), setting.getLabel()));
        @SuppressWarnings("unchecked")
        T stored = (T) admin().setConfigurationSetting(setting);
        return stored;
    }

    /** Stage 2: deletes what this check stored, so a shared store keeps nothing of the run. */
    void cleanUp() {
        if (isLocal()) {
            return;
        }
        List<String> left = new ArrayList<>();
        for (List<String> setting : created) {
            try {
                admin().deleteConfigurationSetting(setting.get(0), setting.get(1));
            } catch (HttpResponseException e) {
                left.add(setting.get(0) + (setting.get(1) == null ? "" : " (label " + setting.get(1) + ")"));
            }
        }
        if (!left.isEmpty()) {
            throw new IllegalStateException("could not clean up " + String.join(", ", left)
                    + " in the App Configuration store: delete them by hand (az appconfig kv delete)");
        }
    }

    private static final String CONNECTION_STRING = "\0connection-string";

    private ConfigurationClient build(String principal, boolean recorded) {
        Lab.StoreConnection connection;
        if (isLocal()) {
            connection = Lab.storeConnection(local, CONNECTION_STRING.equals(principal) ? null : principal, http);
        } else {
            connection = Lab.storeConnection();
        }
        ConfigurationClientBuilder builder = connection.builder();
        if (recorded) {
            builder.addPolicy(requests);
        }
        ConfigurationClient client = builder.buildClient();
        if (recorded) {
            ROUTES.put(client, relay(connection, requests, isLocal() ? () -> local.clock().now() : Instant::now));
        }
        return client;
    }

    /** How the learner's process reaches the store as {@code client} (one of the recorded clients), or null. */
    static Relay route(ConfigurationClient client) {
        return ROUTES.get(client);
    }

    /**
     * The judge's end of a learner's {@code ConfigurationClient}: signs as {@code connection} does. An HMAC signature
     * covers a {@code Date}, which comes from {@code now} (the local store's clock in stage 1, so a check that moves
     * the clock does not make every signature "too old").
     */
    static Relay relay(Lab.StoreConnection connection, RequestLog log, Supplier<Instant> now) {
        HttpPipelinePolicy signIn;
        if (connection.connectionString() != null) {
            signIn = new HmacSignIn(new ConfigurationCredentialsPolicy(
                    new ConfigurationClientCredentials(connection.connectionString())), now);
        } else {
            signIn = new BearerTokenAuthenticationPolicy(connection.credential(), Lab.APP_CONFIG_AUDIENCE + "/.default");
        }
        HttpPipeline pipeline = new HttpPipelineBuilder()
                .httpClient(connection.httpClient() != null ? connection.httpClient() : HttpClient.createDefault())
                .policies(signIn)
                .build();
        return new Relay(connection.endpoint(), "store", pipeline, log);
    }

    /** The SDK's own HMAC signing, with the {@code Date} it signs taken from the store's clock. */
    private static final class HmacSignIn implements HttpPipelinePolicy {
        private final ConfigurationCredentialsPolicy hmac;
        private final Supplier<Instant> now;

        HmacSignIn(ConfigurationCredentialsPolicy hmac, Supplier<Instant> now) {
            this.hmac = hmac;
            this.now = now;
        }

        private void date(HttpPipelineCallContext context) {
            context.getHttpRequest().setHeader(HttpHeaderName.DATE,
                    DateTimeRfc1123.toRfc1123String(now.get().atOffset(ZoneOffset.UTC)));
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            date(context);
            return hmac.process(context, next);
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            date(context);
            return hmac.processSync(context, next);
        }
    }
}
