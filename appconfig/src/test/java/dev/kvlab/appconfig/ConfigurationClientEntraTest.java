package dev.kvlab.appconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.exception.HttpResponseException;
import com.azure.data.appconfiguration.ConfigurationClient;
import dev.kvlab.vault.IssuedToken;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The conformance suite with Entra tokens for https://azconfig.io from the vault's token service, and roles. */
class ConfigurationClientEntraTest extends ConfigurationClientConformance {

    @Override
    ConfigurationClient ownerClient() {
        return ConfigClients.withToken(config, "lab-user");
    }

    ConfigurationClient withFixedToken(String token) {
        return ConfigClients.builder(config).endpoint(config.endpoint().toString())
                .credential(request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1))))
                .buildClient();
    }

    @Test
    void aDataReaderReadsButCannotWrite() {
        ConfigurationClient reader = ConfigClients.withToken(config, "reader");
        assertEquals("1", reader.getConfigurationSetting("sentinel", null).getValue());
        assertEquals(403, status(() -> reader.setConfigurationSetting("sentinel", null, "2")));
        assertEquals(403, status(() -> reader.deleteConfigurationSetting("sentinel", null)));
        assertEquals("1", client.getConfigurationSetting("sentinel", null).getValue());
    }

    @Test
    void aPrincipalWithoutADataRoleGets403AndARevokedOneToo() {
        assertEquals(403, status(() -> ConfigClients.withToken(config, "stranger").getConfigurationSetting("sentinel", null)));
        config.roles().revoke("reader");
        assertEquals(403, status(() -> ConfigClients.withToken(config, "reader").getConfigurationSetting("sentinel", null)));
        config.roles().assign("stranger", DataRole.DATA_OWNER);
        assertEquals("2", ConfigClients.withToken(config, "stranger").setConfigurationSetting("sentinel", null, "2")
                .getValue());
    }

    @Test
    void aTokenForTheVaultIsNotATokenForTheStore() {
        IssuedToken vaultToken = config.vault().issueToken("lab-user"); // audience https://localhost
        HttpResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpResponseException.class,
                () -> withFixedToken(vaultToken.token()).getConfigurationSetting("sentinel", null));
        assertEquals(401, e.getResponse().getStatusCode());
        assertTrue(e.getResponse().getHeaderValue("WWW-Authenticate").contains("audience"));
    }

    @Test
    void anExpiredOrForgedTokenGets401() {
        IssuedToken expired = config.vault().tokenService().issue("lab-user", ConfigApi.RESOURCE, Duration.ofSeconds(-1));
        assertEquals(401, status(() -> withFixedToken(expired.token()).getConfigurationSetting("sentinel", null)));
        String token = config.vault().tokenService().issue("lab-user", ConfigApi.RESOURCE, Duration.ofHours(1)).token();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertEquals(401, status(() -> withFixedToken(forged).getConfigurationSetting("sentinel", null)));
        assertEquals(401, status(() -> withFixedToken("not-a-jwt").setConfigurationSetting("sentinel", null, "x")));
    }
}
