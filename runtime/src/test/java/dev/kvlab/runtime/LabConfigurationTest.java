package dev.kvlab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.SecretReferenceConfigurationSetting;
import com.azure.data.appconfiguration.models.SettingSelector;
import dev.kvlab.appconfig.LocalAppConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The App Configuration half of {@link Lab}: the environment rules, over real HTTPS to local stores. */
class LabConfigurationTest {
    private static LocalAppConfig store;

    @BeforeAll
    static void startStore() {
        store = LocalAppConfig.start();
    }

    @AfterAll
    static void stop() {
        store.close();
        Lab.closeLocalVault();
    }

    @Test
    void withoutAppConfigVariablesTheClientReadsTheEmbeddedStoreWhoseReferencesPointAtTheEmbeddedVault() {
        ConfigurationClient client = Lab.storeConnection(Map.of()).builder().buildClient();
        List<ConfigurationSetting> openAi = new ArrayList<>();
        client.listConfigurationSettings(new SettingSelector().setKeyFilter("OpenAI:*")).forEach(openAi::add);
        assertEquals(4, openAi.size(), openAi.toString());
        SecretReferenceConfigurationSetting apiKey = openAi.stream()
                .filter(SecretReferenceConfigurationSetting.class::isInstance)
                .map(SecretReferenceConfigurationSetting.class::cast).findFirst().orElseThrow();
        URI secret = URI.create(apiKey.getSecretId());
        assertEquals(Lab.localVault().url().getAuthority(), secret.getAuthority(), "one process: the store's references "
                + "point at the embedded vault Lab.client() reads");
        assertEquals("application/x-api-key", Lab.builder(Map.of()).buildClient().getSecret("openai-api-key")
                .getProperties().getContentType());
        assertEquals(Lab.localAppConfig().endpoint(), Lab.storeConnection(Map.of()).endpoint());
    }

    @Test
    void aConnectionStringSignsEachRequestAndWinsOverTheEndpoint() {
        Map<String, String> env = Map.of("APP_CONFIG_CONNECTION_STRING", store.connectionString(),
                "APP_CONFIG_ENDPOINT", "https://other.azconfig.io",
                "KVLAB_CA_CERT", store.vault().caCertificateFile().toString());
        Lab.StoreConnection connection = Lab.storeConnection(env);
        assertEquals(store.endpoint(), connection.endpoint());
        assertEquals("1", connection.builder().buildClient().getConfigurationSetting("sentinel", null).getValue());
        assertFalse(connection.toString().contains("Secret="), "a connection's text never shows the access key");
    }

    @Test
    void aConnectionStringThatIsNoneIsRefusedWithoutShowingIt() {
        for (String bad : List.of("s3cr3t-key-material-0123456789", "Endpoint=http://kvlab.azconfig.io;Id=a;Secret=s3cr3t-key",
                "Endpoint=https://kvlab.azconfig.io;Secret=s3cr3t-key", "Id=a;Secret=s3cr3t-key")) {
            LabException e = assertThrows(LabException.class,
                    () -> Lab.storeConnection(Map.of("APP_CONFIG_CONNECTION_STRING", bad)), bad);
            assertTrue(e.getMessage().startsWith("APP_CONFIG_CONNECTION_STRING is not an App Configuration connection string"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        }
        LabException endpoint = assertThrows(LabException.class,
                () -> Lab.storeConnection(Map.of("APP_CONFIG_ENDPOINT", "kvlab-store")));
        assertTrue(endpoint.getMessage().startsWith("APP_CONFIG_ENDPOINT is not a store endpoint (kvlab-store)"));
    }

    @Test
    void aLoopbackStoreNeedsTheCaCertificateAndForTokensTheManagedIdentityEndpoint() {
        LabException ca = assertThrows(LabException.class,
                () -> Lab.storeConnection(Map.of("APP_CONFIG_CONNECTION_STRING", store.connectionString())));
        assertTrue(ca.getMessage().startsWith("APP_CONFIG_CONNECTION_STRING points at a local store but KVLAB_CA_CERT"),
                ca.getMessage());
        assertFalse(ca.getMessage().contains(store.connectionString()));
        // DefaultAzureCredential would otherwise probe 169.254.169.254: refused before it is built
        assumeTrue(System.getenv("IDENTITY_ENDPOINT") == null, "this shell has IDENTITY_ENDPOINT set");
        LabException identity = assertThrows(LabException.class, () -> Lab.storeConnection(Map.of(
                "APP_CONFIG_ENDPOINT", store.endpoint().toString(), "KVLAB_CA_CERT", store.vault().caCertificateFile().toString())));
        assertTrue(identity.getMessage().contains("IDENTITY_ENDPOINT is not set"), identity.getMessage());
    }

    @Test
    void aLocalStoreSignsInAsThePrincipalItIsGivenOrWithItsConnectionString() {
        assertEquals("gpt-4o", Lab.configurationClient(store).getConfigurationSetting("OpenAI:DeploymentName", "production")
                .getValue());
        assertEquals("gpt-4o-mini", Lab.configurationBuilder(store, null).buildClient()
                .getConfigurationSetting("OpenAI:DeploymentName", null).getValue());
        assertEquals("1", Lab.configurationBuilder(store, "app").buildClient().getConfigurationSetting("sentinel", null).getValue());
        ConfigurationClient stranger = Lab.configurationBuilder(store, "mallory")
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO))).buildClient();
        HttpResponseException refused = assertThrows(HttpResponseException.class,
                () -> stranger.getConfigurationSetting("sentinel", null));
        assertEquals(403, refused.getResponse().getStatusCode(), "a principal without a data role");
        assertEquals("Error: the caller has no App Configuration data role on " + store.endpoint().getAuthority()
                + " that allows this (403).", Diagnosis.of(refused, null), "the store's roles, not Key Vault's");
        ConfigurationClient reader = Lab.configurationBuilder(store, "app")
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO))).buildClient();
        HttpResponseException write = assertThrows(HttpResponseException.class,
                () -> reader.setConfigurationSetting("sentinel", null, "2"));
        assertEquals(403, write.getResponse().getStatusCode(), "App Configuration Data Reader cannot write");
        assertInstanceOf(LocalVaultCredential.class, Lab.storeConnection(store, "app", null).credential());
    }
}
