package dev.kvlab.vault.cli;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.kvlab.vault.LoopbackClients;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A client process the way a learner's program runs against {@code ./jbang vault}: nothing but the printed
 * environment, {@code DefaultAzureCredential} unmodified, loopback routing and the CA from {@code KVLAB_CA_CERT}.
 * {@code get NAME} prints the value's length and first four characters (never the whole value).
 */
public final class StandaloneClient {
    public static void main(String[] args) throws Exception {
        String pem = Files.readString(Path.of(System.getenv("KVLAB_CA_CERT")));
        SecretClient client = new SecretClientBuilder()
                .vaultUrl(System.getenv("KEY_VAULT_URL"))
                .credential(new DefaultAzureCredentialBuilder().build())
                .httpClient(LoopbackClients.httpClient(pem))
                .buildClient();
        String value = client.getSecret(args[0]).getValue();
        System.out.println("length=" + value.length() + " prefix=" + value.substring(0, Math.min(4, value.length())));
    }
}
