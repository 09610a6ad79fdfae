package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.ConfigurationClientBuilder;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.SettingSelector;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kvlab.runtime.LoopbackTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stage 2 of the App Configuration exercises (12-14) against {@code ./jbang vault --app-config} (the vault and the
 * store in one process, posing as the real ones): the check command runs with only the env file's variables, each
 * exercise's shared checks run a second time there through the store's connection string, and the store keeps nothing
 * of the run.
 */
class Stage2SettingsTest {
    @TempDir
    static Path dir;
    static Process vault;
    static Map<String, String> env;

    @BeforeAll
    static void startStandaloneVaultAndStore() throws Exception {
        Path envFile = dir.resolve("vault.env");
        ProcessBuilder pb = new ProcessBuilder(Stage2Test.java(), "-cp", System.getProperty("java.class.path"),
                "dev.kvlab.vault.cli.VaultCommand", "--app-config", "--env-file", envFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("vault.log").toFile());
        Stage2Test.scrub(pb.environment());
        pb.environment().keySet().removeIf(k -> k.startsWith("APP_CONFIG_"));
        vault = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(envFile) || !Files.readString(envFile).contains("APP_CONFIG_CONNECTION_STRING")) {
            if (!vault.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the standalone vault did not start: " + Files.readString(dir.resolve("vault.log")));
            }
            Thread.sleep(100); // another process starting: there is no clock to inject
        }
        env = new HashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            if (line.startsWith("export ")) {
                String[] kv = line.substring("export ".length()).split("=", 2);
                env.put(kv[0], kv[1].replaceAll("^['\"]|['\"]$", ""));
            }
        }
        assertTrue(env.keySet().containsAll(List.of("KEY_VAULT_URL", "KVLAB_CA_CERT", "APP_CONFIG_ENDPOINT",
                "APP_CONFIG_CONNECTION_STRING")), env.keySet().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (vault != null) {
            vault.destroy();
            vault.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"settings", "flags", "refresh"})
    void theSharedChecksRunOnTheStandaloneStoreAndLeaveNothingBehind(String alias) throws Exception {
        ConfigurationClient store = new ConfigurationClientBuilder().connectionString(env.get("APP_CONFIG_CONNECTION_STRING"))
                .httpClient(LoopbackTransport.httpClient(Files.readString(Path.of(env.get("KVLAB_CA_CERT"))))).buildClient();
        List<String> before = keys(store);

        Path results = dir.resolve(alias);
        Path output = dir.resolve(alias + ".txt");
        int status = Stage2Test.check(env, results, output, alias, "--solution", "--seed", "12");
        String printed = Files.readString(output);
        assertEquals(0, status, printed);
        JsonNode json = Stage2Test.JSON.readTree(results.resolve("results.json").toFile());
        assertEquals("pass", json.get("status").asText(), json.toString());
        List<String> stage2 = new ArrayList<>();
        json.get("tests").forEach(t -> {
            if (t.get("name").asText().startsWith("real vault: ")) {
                stage2.add(t.get("name").asText());
            }
        });
        assertFalse(stage2.isEmpty(), "no check of " + alias + " ran on the standalone store: " + json);
        assertEquals(before, keys(store), "the run's keys are deleted again");
        assertFalse(printed.contains("Secret="), "the connection string is never printed");
    }

    private static List<String> keys(ConfigurationClient store) {
        List<String> keys = new ArrayList<>();
        for (ConfigurationSetting s : store.listConfigurationSettings(new SettingSelector())) {
            keys.add(s.getKey() + "@" + s.getLabel());
        }
        return keys;
    }
}
