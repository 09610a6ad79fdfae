package dev.kvlab.vault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.vault.AuditEvent;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import dev.kvlab.vault.RawHttps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChallengeHandshakeTest {
    static LocalVault vault;

    @BeforeAll
    static void start() {
        vault = LocalVault.start();
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    @Test
    void anonymousRequestGetsAzuresChallenge() throws Exception {
        RawHttps.Response response = RawHttps.send(RawHttps.trusting(vault.caCertificatePem()), vault.port(),
                "kvlab.localhost", "GET", "/secrets/openai-api-key/?api-version=2025-07-01", Map.of(), null);
        assertEquals(401, response.status());
        String challenge = response.header("WWW-Authenticate");
        assertTrue(challenge.contains("authorization=\"" + LocalAuthority.AUTHORIZATION + "\""), challenge);
        assertTrue(challenge.contains("resource=\"" + LocalAuthority.RESOURCE + "\""), challenge);
        assertTrue(response.body().contains("\"code\":\"Unauthorized\""), response.body());
    }

    @Test
    void sdkPassesTheChallengeAndReadsTheSeededSecret() {
        // a vault of its own: the SDK caches a host's challenge for the whole JVM
        try (LocalVault fresh = LocalVault.start()) {
            SecretClient client = LoopbackClients.secretClient(fresh, fresh.url(), LocalAuthority.LAB_USER);
            KeyVaultSecret secret = client.getSecret("openai-api-key");
            assertTrue(secret.getValue().startsWith("sk-proj-kvlab"));
            assertEquals("application/x-api-key", secret.getProperties().getContentType());
            assertTrue(secret.getId().startsWith(fresh.url() + "/secrets/openai-api-key/"), secret.getId());
            assertHandshakeAudited(fresh.auditLog().events());
        }
    }

    private static void assertHandshakeAudited(List<AuditEvent> events) {
        // the handshake: one refused anonymous request, then the same request with the token
        assertEquals("Unauthorized", events.get(0).result());
        AuditEvent last = events.get(events.size() - 1);
        assertEquals("OK", last.result());
        assertEquals(LocalAuthority.LAB_USER, last.caller());
    }

    @Test
    void writesAreReadBackThroughTheSameClient() {
        SecretClient client = LoopbackClients.secretClient(vault, vault.url(), LocalAuthority.LAB_USER);
        KeyVaultSecret written = client.setSecret("greeting", "hello");
        KeyVaultSecret read = client.getSecret("greeting");
        assertEquals("hello", read.getValue());
        assertEquals(written.getProperties().getVersion(), read.getProperties().getVersion());
        assertFalse(read.getProperties().getVersion().isEmpty());
    }
}
