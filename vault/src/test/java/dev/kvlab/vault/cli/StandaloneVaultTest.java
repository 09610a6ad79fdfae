package dev.kvlab.vault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.vault.LoopbackClients;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./jbang vault} as a separate process, used as a learner's program would use it. */
class StandaloneVaultTest {
    @TempDir
    Path dir;

    @Test
    void defaultAzureCredentialReadsASecretWithOnlyThePrintedEnvironment() throws Exception {
        Path envFile = dir.resolve("setup/.env");
        try (StandaloneVault vault = StandaloneVault.start(dir.resolve("vault.err"), "--env-file", envFile.toString())) {
            assertEquals(List.of("KEY_VAULT_URL", "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "KVLAB_CA_CERT"),
                    List.copyOf(vault.exports.keySet()));
            assertTrue(vault.exports.get("KEY_VAULT_URL").matches("https://kvlab\\.localhost:\\d+/"));
            String env = Files.readString(envFile);
            for (Map.Entry<String, String> export : vault.exports.entrySet()) {
                assertTrue(env.contains("export " + export.getKey() + "=" + export.getValue() + "\n"), env);
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile)));

            Map<String, String> clientEnv = StandaloneVault.baseEnvironment();
            clientEnv.putAll(vault.exports);
            Process client = StandaloneVault.java(StandaloneClient.class.getName(), List.of("openai-api-key"), clientEnv)
                    .redirectErrorStream(true).start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(client.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, client.exitValue(), output);
            assertTrue(output.contains("length=55 prefix=sk-p"), output);
            assertTrue(Files.readString(vault.stderr).contains("ready"));
        }
    }

    @Test
    void sigtermStopsTheVaultWithExitStatusZero() throws Exception {
        try (StandaloneVault vault = StandaloneVault.start(dir.resolve("vault.err"), "--seed", "none")) {
            assertEquals(0, vault.terminate());
            assertTrue(Files.readString(vault.stderr).contains("stopped"), Files.readString(vault.stderr));
        }
    }

    @Test
    void acknowledgedWritesSurviveARestartAndAKill9() throws Exception {
        Path data = dir.resolve("data");
        String token;
        try (StandaloneVault first = StandaloneVault.start(dir.resolve("1.err"), "--data", data.toString())) {
            token = token(first.exports);
            client(first.exports, token).setSecret("survivor", "written-before-kill-9");
            first.kill();
        }
        try (StandaloneVault second = StandaloneVault.start(dir.resolve("2.err"), "--data", data.toString())) {
            // same CA file, same identity header, and the token issued before the crash still verifies
            SecretClient client = client(second.exports, token);
            assertEquals("written-before-kill-9", client.getSecret("survivor").getValue());
            client.setSecret("survivor", "written-before-sigterm");
            assertEquals(0, second.terminate());
        }
        try (StandaloneVault third = StandaloneVault.start(dir.resolve("3.err"), "--data", data.toString())) {
            assertEquals("written-before-sigterm", client(third.exports, token(third.exports))
                    .getSecret("survivor").getValue());
            assertEquals(0, third.terminate());
        }
        String audit = Files.readString(data.resolve("audit.jsonl"));
        assertTrue(audit.contains("\"OperationName\":\"SecretSet\""), audit);
        assertTrue(!audit.contains("written-before"), "the audit log holds no value");
    }

    /** A token from the vault's managed-identity endpoint, as DefaultAzureCredential would fetch it. */
    private static String token(Map<String, String> exports) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(exports.get("IDENTITY_ENDPOINT")
                + "?api-version=2019-08-01&resource=" + URLEncoder.encode("https://localhost", StandardCharsets.UTF_8))
                .toURL().openConnection();
        connection.setRequestProperty("X-IDENTITY-HEADER", exports.get("IDENTITY_HEADER"));
        assertEquals(200, connection.getResponseCode());
        try (InputStream body = connection.getInputStream()) {
            return new ObjectMapper().readTree(body).get("access_token").asText();
        }
    }

    private static SecretClient client(Map<String, String> exports, String token) throws Exception {
        return new SecretClientBuilder().vaultUrl(exports.get("KEY_VAULT_URL"))
                .credential(LoopbackClients.fixedToken(token))
                .httpClient(LoopbackClients.httpClient(Files.readString(Path.of(exports.get("KVLAB_CA_CERT")))))
                .buildClient();
    }
}
