package dev.kvlab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import dev.kvlab.vault.LocalVault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ValueReads says what a client was really given: listings read nothing, every answered get is one value read. */
class ValueReadsTest {
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
    void listingPropertiesAndVersionsReadsNoValue() {
        ValueReads reads = new ValueReads();
        SecretClient client = Lab.client(vault, Lab.LAB_USER, reads);
        client.listPropertiesOfSecrets().forEach(p -> client.listPropertiesOfSecretVersions(p.getName()).forEach(v -> { }));
        client.getSecret("openai-api-key").getProperties();   // the only read
        assertEquals(1, reads.count());
        assertEquals("read 1 value: openai-api-key", reads.summary());

        ValueReads none = new ValueReads();
        Lab.client(vault, Lab.LAB_USER, none).listPropertiesOfSecrets().forEach(p -> { });
        assertEquals("no values read", none.summary());
    }

    @Test
    void everyGetCountsByNameOrVersionAndNamesAreListedOnce() {
        ValueReads reads = new ValueReads();
        SecretClient client = Lab.client(vault, Lab.LAB_USER, reads);
        String version = client.getSecret("openai-api-key").getProperties().getVersion();
        client.getSecret("openai-api-key", version);
        client.getSecret("cosmosdb-connection-string");
        assertEquals("read 3 values: cosmosdb-connection-string, openai-api-key", reads.summary());
    }

    @Test
    void refusedOrMissingReadsGaveNoValue() {
        ValueReads reads = new ValueReads();
        assertThrows(ResourceNotFoundException.class, () -> Lab.client(vault, Lab.LAB_USER, reads).getSecret("no-such-secret"));
        assertThrows(HttpResponseException.class, () -> Lab.client(vault, "reader", reads).getSecret("openai-api-key"));
        assertEquals("no values read", reads.summary());
    }
}
