package dev.kvlab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.security.keyvault.secrets.SecretClient;
import dev.kvlab.vault.LocalVault;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LabTest {
    @AfterAll
    static void stopEmbeddedVault() {
        Lab.closeLocalVault();
    }

    @Test
    void withoutKeyVaultUrlTheClientReadsTheSeededEmbeddedVault() {
        SecretClient client = Lab.builder(Map.of()).buildClient();
        URI url = URI.create(client.getVaultUrl());
        assertTrue(url.getHost().equals("kvlab.localhost"), url.toString());
        assertEquals("application/x-api-key", client.getSecret("openai-api-key").getProperties().getContentType());
        assertEquals(Lab.localVault().url().toString(), client.getVaultUrl());
    }

    @Test
    void theEmbeddedVaultStartsOncePerJvmUntilClosed() {
        LocalVault first = Lab.localVault();
        assertSame(first, Lab.localVault());
        Lab.closeLocalVault();
        LocalVault second = Lab.localVault();
        assertNotSame(first, second);
        assertEquals("application/x-api-key", Lab.client(second).getSecret("openai-api-key").getProperties().getContentType());
    }

    @Test
    void extraPoliciesSeeEveryRequest() {
        List<String> seen = new ArrayList<>();
        HttpPipelinePolicy recorder = (context, next) -> {
            seen.add(context.getHttpRequest().getHttpMethod() + " " + context.getHttpRequest().getUrl().getPath());
            return next.process();
        };
        try (LocalVault vault = LocalVault.start()) {
            Lab.client(vault, Lab.LAB_USER, recorder).getSecret("openai-api-key");
        }
        assertTrue(seen.contains("GET /secrets/openai-api-key/"), seen.toString());
    }

    @Test
    void aKeyVaultUrlThatIsNoVaultUrlIsRefusedWithWhatToDo() {
        LabException plain = assertThrows(LabException.class, () -> Lab.builder(Map.of("KEY_VAULT_URL", "kv-exercise-1234")));
        assertTrue(plain.getMessage().startsWith("KEY_VAULT_URL is not a vault URL (kv-exercise-1234)"), plain.getMessage());
        assertThrows(LabException.class, () -> Lab.builder(Map.of("KEY_VAULT_URL", "http://kv.vault.azure.net/")));
    }

    @Test
    void aLoopbackKeyVaultUrlNeedsTheManagedIdentityEndpoint() {
        // DefaultAzureCredential would otherwise probe 169.254.169.254: the runtime refuses before building it
        assumeTrue(System.getenv("IDENTITY_ENDPOINT") == null, "this shell has IDENTITY_ENDPOINT set");
        for (String url : List.of("https://kvlab.localhost:8443/", "https://localhost:8443/", "https://127.0.0.1:8443/", "https://[::1]:8443/")) {
            LabException e = assertThrows(LabException.class, () -> Lab.builder(Map.of("KEY_VAULT_URL", url)), url);
            assertTrue(e.getMessage().contains("IDENTITY_ENDPOINT is not set"), e.getMessage());
        }
    }

    @Test
    void loopbackHostsAreTheLocalVaultsAndNothingElse() {
        for (String host : List.of("localhost", "kvlab.localhost", "Other.LocalHost", "127.0.0.1", "127.1.2.3", "::1", "[::1]")) {
            assertTrue(LoopbackTransport.isLoopback(host), host);
        }
        for (String host : List.of("kv-exercise-1.vault.azure.net", "localhost.example.com", "128.0.0.1", "10.0.0.1", "")) {
            assertFalse(LoopbackTransport.isLoopback(host), host);
        }
    }
}
