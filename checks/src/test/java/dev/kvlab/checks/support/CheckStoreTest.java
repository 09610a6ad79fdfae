package dev.kvlab.checks.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.ConfigurationClientBuilder;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.SecretReferenceConfigurationSetting;
import com.azure.data.appconfiguration.models.SettingSelector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.appconfig.ConfigEvent;
import dev.kvlab.appconfig.LocalAppConfig;
import dev.kvlab.checks.learner.RelayHttpClient;
import dev.kvlab.runtime.LoopbackTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code ConfigurationClient} handed to the learner's code: on the learner's side a client with no credential at
 * all, whose transport is the relay's ({@link RelayHttpClient}); on the judge's side {@link CheckStore}'s route, which
 * checks the host, records, signs (token or HMAC) and forwards to a local store over HTTPS.
 */
class CheckStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalAppConfig local;
    private static HttpClient http;
    private final List<ObjectNode> sent = new ArrayList<>();

    @BeforeAll
    static void start() {
        local = LocalAppConfig.start();
        http = LoopbackTransport.httpClient(local.caCertificatePem());
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @BeforeEach
    void reset() {
        local.reset();
    }

    /** The learner's side of {@code judgeSide}, as {@code LearnerHost} builds it; {@code edit} may forge the message. */
    private ConfigurationClient learnerSide(ConfigurationClient judgeSide, UnaryOperator<ObjectNode> edit,
            HttpPipelinePolicy... learnerPolicies) {
        Relay route = CheckStore.route(judgeSide);
        assertNotNull(route, "a recorded client has a route");
        RelayHttpClient transport = new RelayHttpClient("client-1", message -> {
            ObjectNode forged = edit.apply(message);
            sent.add(forged.deepCopy());
            JsonNode reply = route.relay(forged, JSON.createObjectNode());
            if (reply.hasNonNull("refused")) {
                throw new IllegalStateException(reply.get("refused").asText());
            }
            return reply;
        });
        return new ConfigurationClientBuilder().endpoint(route.url()).credential(dev.kvlab.checks.learner.LearnerHost.NO_CREDENTIAL)
                .pipeline(new HttpPipelineBuilder().policies(learnerPolicies).httpClient(transport).build())
                .buildClient();
    }

    @Test
    void theLearnersClientReadsThroughTheJudgeWhichSignsWithATokenAndRecordsFilters() {
        CheckStore store = CheckStore.local(local, http, "t-");
        ConfigurationClient client = learnerSide(store.client(), m -> m);
        List<ConfigurationSetting> settings = new ArrayList<>();
        client.listConfigurationSettings(new SettingSelector().setKeyFilter("OpenAI:*").setLabelFilter("production,\0"))
                .forEach(settings::add);
        assertEquals(4, settings.size(), settings.toString());
        assertTrue(settings.stream().anyMatch(SecretReferenceConfigurationSetting.class::isInstance));
        assertEquals("1", client.getConfigurationSetting("sentinel", null).getValue());

        RequestLog.Request list = store.requests().all().get(0);
        assertEquals("/kv", list.path());
        assertEquals("OpenAI:*", list.parameter("key"));
        assertEquals("production,\0", list.parameter("label"));
        assertEquals(200, list.status());
        for (ObjectNode message : sent) {
            assertFalse(message.path("headers").has("Authorization"), "the learner's side never holds a sign-in");
        }
        List<ConfigEvent> audit = store.audit();
        assertEquals(2, audit.size());
        assertTrue(audit.stream().allMatch(e -> e.caller().equals(CheckStore.LEARNER) && e.status() == 200), audit.toString());
    }

    @Test
    void aConnectionStringClientIsSignedWithHmacByTheJudgeOnTheStoresClock() {
        CheckStore store = CheckStore.local(local, http, "t-");
        ConfigurationClient client = learnerSide(store.clientWithConnectionString(), m -> m);
        // an HMAC signature covers a date the store allows 15 minutes of skew: the judge dates it by the store's clock
        local.clock().advance(Duration.ofHours(3));
        assertEquals("gpt-4o", client.getConfigurationSetting("OpenAI:DeploymentName", "production").getValue());
        ConfigurationSetting set = client.setConfigurationSetting("t-Feature", "dev", "on");
        assertEquals("on", set.getValue(), "the read-write key may write");
        assertTrue(store.audit().stream().allMatch(e -> e.caller().startsWith("hmac:")), store.audit().toString());
        String secret = local.connectionString().replaceAll(".*Secret=", "");
        for (ObjectNode message : sent) {
            assertFalse(message.toString().contains(secret), "the access key stays with the judge");
        }
    }

    @Test
    void aDataReaderCannotWriteThroughTheRelay() {
        ConfigurationClient client = learnerSide(CheckStore.local(local, http, "t-").client(), m -> m);
        HttpResponseException e = assertThrows(HttpResponseException.class,
                () -> client.setConfigurationSetting("sentinel", null, "2"));
        assertEquals(403, e.getResponse().getStatusCode());
        assertEquals("1", ownerClient().getConfigurationSetting("sentinel", null).getValue(), "nothing written");
    }

    private static ConfigurationClient ownerClient() {
        return dev.kvlab.runtime.Lab.configurationBuilder(local, null).httpClient(http).buildClient();
    }

    @Test
    void aForgedSignInIsReplacedAndAnotherHostIsRefused() {
        CheckStore store = CheckStore.local(local, http, "t-");
        HttpPipelinePolicy forge = (context, next) -> {
            context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer forged.owner.token");
            context.getHttpRequest().setHeader(HttpHeaderName.fromString("x-ms-date"), "Thu, 01 Jan 1970 00:00:00 GMT");
            return next.process();
        };
        ConfigurationClient forging = learnerSide(store.client(), m -> m, forge);
        assertEquals("1", forging.getConfigurationSetting("sentinel", null).getValue());
        assertEquals(CheckStore.LEARNER, store.audit().get(0).caller(), "the judge's sign-in, not the forged one");

        String vault = local.vault().url().toString();
        for (String url : List.of(vault + "/secrets/openai-api-key?api-version=7.6", "https://evil.example/kv",
                "http://kvlab-config.localhost:" + local.endpoint().getPort() + "/kv",
                "https://user@kvlab-config.localhost:" + local.endpoint().getPort() + "/kv", "not a url")) {
            int before = store.requests().all().size();
            ConfigurationClient redirected = learnerSide(store.client(), m -> m.put("url", url));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> redirected.getConfigurationSetting("sentinel", null), url);
            assertTrue(refused.getMessage().contains("may only talk to " + local.endpoint())
                    || refused.getMessage().contains("not a request the lab can send"), refused.getMessage());
            assertEquals(before, store.requests().all().size(), "nothing forwarded, nothing recorded: " + url);
        }
        assertNull(CheckStore.route(ownerClient()), "only CheckStore's own clients have a route");
    }
}
