package dev.kvlab.vault.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import dev.kvlab.vault.RawHttps;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTrustTest {
    static LocalVault vault;

    @BeforeAll
    static void start() {
        vault = LocalVault.builder().vault("other").start();
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    @Test
    void javasHostnameCheckAcceptsEveryVaultNameLocalhostAndLoopbackAddresses() throws Exception {
        for (String host : new String[] {"kvlab.localhost", "other.localhost", "localhost", "127.0.0.1"}) {
            RawHttps.Response response = RawHttps.send(RawHttps.trusting(vault.caCertificatePem()), vault.port(),
                    host, "GET", "/secrets?api-version=2025-07-01", Map.of(), null);
            assertEquals(401, response.status(), host);
        }
    }

    @Test
    void sdkOverNettyTrustsTheVaultsCaForEveryVaultHost() {
        // the SDK's Netty client uses BoringSSL (netty-tcnative) when it is on the class path, as here
        assertTrue(OpenSsl.isAvailable(), "netty-tcnative should be available to the SDK");
        for (String name : vault.vaultNames()) {
            SecretClient client = LoopbackClients.secretClient(vault, vault.url(name), LocalAuthority.LAB_USER);
            assertEquals(name, client.setSecret("probe", name).getValue());
        }
    }

    @Test
    void clientThatDoesNotTrustTheCaIsRefused() throws Exception {
        // the JDK's default trust store knows nothing of the vault's CA
        SecretClient client = new SecretClientBuilder().vaultUrl(vault.url().toString())
                .credential(LoopbackClients.credential(vault, LocalAuthority.LAB_USER))
                .httpClient(LoopbackClients.httpClient(SslContextBuilder.forClient().build()))
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)))
                .buildClient();
        RuntimeException e = assertThrows(RuntimeException.class, () -> client.getSecret("openai-api-key"));
        assertTrue(causes(e, SSLHandshakeException.class), () -> "expected a TLS handshake failure, got " + e);
    }

    @Test
    void aCaFromAnotherDataFolderIsNotTrusted(@TempDir Path dir) {
        try (LocalVault other = LocalVault.builder().dataDir(dir).start()) {
            assertThrows(SSLHandshakeException.class, () -> RawHttps.send(RawHttps.trusting(vault.caCertificatePem()),
                    other.port(), "kvlab.localhost", "GET", "/secrets?api-version=2025-07-01", Map.of(), null));
        }
    }

    @Test
    void dataFolderKeepsTheCaAcrossRestarts(@TempDir Path dir) throws Exception {
        String first;
        try (LocalVault one = LocalVault.builder().dataDir(dir).start()) {
            first = one.caCertificatePem();
            assertEquals(first, Files.readString(one.caCertificateFile()));
        }
        try (LocalVault two = LocalVault.builder().dataDir(dir).start()) {
            assertEquals(first, two.caCertificatePem());
            assertEquals(401, RawHttps.send(RawHttps.trusting(first), two.port(), "kvlab.localhost", "GET",
                    "/secrets?api-version=2025-07-01", Map.of(), null).status());
        }
    }

    private static boolean causes(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
