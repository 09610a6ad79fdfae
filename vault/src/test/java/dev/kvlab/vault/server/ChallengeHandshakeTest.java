package dev.kvlab.vault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
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
    void sdkPassesTheChallengeAndReadsWhatItWrote() {
        SecretClient client = LoopbackClients.secretClient(vault, vault.url(), "lab-user");
        client.setSecret("greeting", "hello");
        KeyVaultSecret secret = client.getSecret("greeting");
        assertEquals("hello", secret.getValue());
        assertEquals("greeting", secret.getName());
    }
}
