package dev.kvlab.appconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.ConfigurationClientBuilder;
import dev.kvlab.vault.cli.VaultCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./jbang vault --app-config} in a JVM of its own: the vault and the store in one process, their exports in
 * the env file, and the SDK in through both: the connection string, and a token from the managed-identity endpoint.
 */
class StandaloneAppConfigTest {

    @Test
    void theEnvFileLeadsTheSdkToTheStoreBothWays(@TempDir Path dir) throws Exception {
        Path envFile = dir.resolve("local.env");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VaultCommand.class.getName(), "--app-config",
                "--env-file", envFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AZURE_") || name.startsWith("IDENTITY_"));
        Process process = builder.start();
        try {
            for (int i = 0; i < 1200 && !Files.exists(envFile) && process.isAlive(); i++) {
                Thread.sleep(100); // waiting for another process to start; bounded to two minutes
            }
            assertTrue(Files.exists(envFile), () -> "no env file; output: " + read(dir.resolve("output.txt")));
            Map<String, String> env = exports(Files.readString(envFile));
            assertTrue(env.get("APP_CONFIG_ENDPOINT").matches("https://kvlab-config\\.localhost:\\d+"), env.toString());
            assertTrue(env.get("APP_CONFIG_CONNECTION_STRING").startsWith("Endpoint=" + env.get("APP_CONFIG_ENDPOINT")
                    + ";Id="), env.toString());
            String ca = Files.readString(Path.of(env.get("KVLAB_CA_CERT")));

            ConfigurationClient byKey = new ConfigurationClientBuilder()
                    .connectionString(env.get("APP_CONFIG_CONNECTION_STRING"))
                    .httpClient(ConfigClients.httpClient(ca)).buildClient();
            byKey.setConfigurationSetting("sentinel", null, "from-the-key");

            // A token for https://azconfig.io from the managed-identity endpoint, asked for as App Service's protocol
            // asks. Not through azure-identity here: its managed-identity client reads this JVM's environment, and
            // without IDENTITY_ENDPOINT there it would probe 169.254.169.254.
            String token = managedIdentityToken(env.get("IDENTITY_ENDPOINT"), env.get("IDENTITY_HEADER"),
                    "https://azconfig.io");
            ConfigurationClient byIdentity = new ConfigurationClientBuilder()
                    .endpoint(env.get("APP_CONFIG_ENDPOINT"))
                    .credential(request -> reactor.core.publisher.Mono.just(new com.azure.core.credential.AccessToken(
                            token, java.time.OffsetDateTime.now().plusMinutes(30))))
                    .httpClient(ConfigClients.httpClient(ca)).buildClient();
            assertEquals("from-the-key", byIdentity.getConfigurationSetting("sentinel", null).getValue());
            assertEquals(env.get("KEY_VAULT_URL").replaceAll("/$", "") + "/secrets/openai-api-key",
                    ((com.azure.data.appconfiguration.models.SecretReferenceConfigurationSetting)
                            byIdentity.getConfigurationSetting("OpenAI:ApiKey", null)).getSecretId());
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), () -> read(dir.resolve("output.txt")));
    }

    static String managedIdentityToken(String endpoint, String header, String resource) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint + "?api-version=2019-08-01&resource="
                        + java.net.URLEncoder.encode(resource, java.nio.charset.StandardCharsets.UTF_8)))
                        .header("X-IDENTITY-HEADER", header).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return SettingJson.MAPPER.readTree(response.body()).get("access_token").asText();
    }

    /** {@code export NAME=value} lines, a single-quoted value unquoted as a shell would. */
    static Map<String, String> exports(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("export ")) {
                String assignment = line.substring(7);
                String value = assignment.substring(assignment.indexOf('=') + 1);
                if (value.startsWith("'") && value.endsWith("'")) {
                    value = value.substring(1, value.length() - 1);
                }
                env.put(assignment.substring(0, assignment.indexOf('=')), value);
            }
        }
        return env;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(" + e + ")";
        }
    }
}
