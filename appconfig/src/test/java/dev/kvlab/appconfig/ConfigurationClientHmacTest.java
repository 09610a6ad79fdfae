package dev.kvlab.appconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.exception.HttpResponseException;
import com.azure.data.appconfiguration.ConfigurationClient;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The conformance suite with a connection string (HMAC-SHA256), and what goes wrong with one. */
class ConfigurationClientHmacTest extends ConfigurationClientConformance {

    @Override
    ConfigurationClient ownerClient() {
        return ConfigClients.withConnectionString(config);
    }

    @Test
    void aWrongSecretGets401InvalidSignature() {
        String forged = config.connectionString().replaceAll("Secret=[^;]+",
                "Secret=" + Base64.getEncoder().encodeToString(new byte[32]));
        ConfigurationClient intruder = ConfigClients.builder(config).connectionString(forged).buildClient();
        HttpResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpResponseException.class,
                () -> intruder.getConfigurationSetting("OpenAI:Endpoint", null));
        assertEquals(401, e.getResponse().getStatusCode());
        assertTrue(e.getResponse().getHeaderValue("WWW-Authenticate").contains("Invalid Signature"));
        assertEquals(401, status(() -> intruder.setConfigurationSetting("OpenAI:Endpoint", null, "https://evil/")));
        assertEquals("https://kvlab-openai.openai.azure.com/", client.getConfigurationSetting("OpenAI:Endpoint", null)
                .getValue());
    }

    @Test
    void anUnknownAccessKeyIdGets401InvalidCredential() {
        String unknown = config.connectionString().replaceAll("Id=[^;]+", "Id=someone-else");
        ConfigurationClient stranger = ConfigClients.builder(config).connectionString(unknown).buildClient();
        HttpResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpResponseException.class,
                () -> stranger.getConfigurationSetting("OpenAI:Endpoint", null));
        assertTrue(e.getResponse().getHeaderValue("WWW-Authenticate").contains("Invalid Credential"));
    }

    @Test
    void aClockSkewedByMoreThan15MinutesGets401Expired() {
        config.clock().advance(Duration.ofMinutes(16));
        try {
            HttpResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpResponseException.class,
                    () -> client.getConfigurationSetting("OpenAI:Endpoint", null));
            assertEquals(401, e.getResponse().getStatusCode());
            assertTrue(e.getResponse().getHeaderValue("WWW-Authenticate").contains("The access token has expired"));
        } finally {
            config.clock().advance(Duration.ofMinutes(-16));
        }
        config.clock().advance(Duration.ofMinutes(14));
        try {
            assertEquals("1", client.getConfigurationSetting("sentinel", null).getValue());
        } finally {
            config.clock().advance(Duration.ofMinutes(-14));
        }
    }

    @Test
    void aReadOnlyKeyReadsButCannotWrite() {
        ConfigurationClient readOnly = ConfigClients.builder(config)
                .connectionString(config.readOnlyConnectionString()).buildClient();
        assertEquals("1", readOnly.getConfigurationSetting("sentinel", null).getValue());
        assertEquals(403, status(() -> readOnly.setConfigurationSetting("sentinel", null, "2")));
        assertEquals(403, status(() -> readOnly.setReadOnly("sentinel", null, true)));
        assertEquals("1", client.getConfigurationSetting("sentinel", null).getValue());
    }
}
