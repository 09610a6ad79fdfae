package dev.kvlab.vault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import dev.kvlab.vault.RawHttps;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HostRoutingTest {
    static LocalVault vault;

    @BeforeAll
    static void start() {
        vault = LocalVault.builder().vault("payments").vault("inventory").start();
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    @Test
    void eachHostNameIsItsOwnVault() {
        SecretClient payments = LoopbackClients.secretClient(vault, vault.url("payments"), LocalAuthority.LAB_USER);
        SecretClient inventory = LoopbackClients.secretClient(vault, vault.url("inventory"), LocalAuthority.LAB_USER);
        payments.setSecret("db-password", "payments-only");
        assertEquals("payments-only", payments.getSecret("db-password").getValue());
        assertThrows(ResourceNotFoundException.class, () -> inventory.getSecret("db-password"));
        // ids name the host the client used
        assertTrue(payments.getSecret("db-password").getId().startsWith(vault.url("payments") + "/secrets/"));
        assertEquals("payments", vault.auditLog().events().get(vault.auditLog().events().size() - 1).vault());
    }

    @Test
    void plainLocalhostServesTheDefaultVaultWhenChallengeVerificationIsOff() {
        SecretClient client = new SecretClientBuilder()
                .vaultUrl("https://localhost:" + vault.port())
                .credential(LoopbackClients.credential(vault, LocalAuthority.LAB_USER))
                .httpClient(LoopbackClients.httpClient(vault.caCertificatePem()))
                .disableChallengeResourceVerification()
                .buildClient();
        assertTrue(client.getSecret("openai-api-key").getValue().startsWith("sk-proj"));
        assertTrue(client.getSecret("openai-api-key").getId().startsWith("https://localhost:" + vault.port() + "/"));
    }

    @Test
    void unknownVaultHostIsNotFound() throws Exception {
        RawHttps.Response response = RawHttps.send(RawHttps.trusting(vault.caCertificatePem()), vault.port(),
                "nosuchvault.localhost", "GET", "/secrets?api-version=2025-07-01", Map.of(), null);
        assertEquals(404, response.status());
        assertTrue(response.body().contains("\"code\":\"VaultNotFound\""), response.body());
    }

    @Test
    void urlsNameTheVaultHost() {
        assertEquals(URI.create("https://kvlab.localhost:" + vault.port()), vault.url());
        assertEquals(URI.create("https://payments.localhost:" + vault.port()), vault.url("payments"));
        assertThrows(IllegalArgumentException.class, () -> vault.url("nosuchvault"));
    }
}
