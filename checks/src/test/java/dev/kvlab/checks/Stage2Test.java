package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.runtime.LoopbackTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Stage 2 against a standalone local vault process posing as the real vault: the check command runs in a process of
 * its own whose environment holds only what the vault's env file says (KEY_VAULT_URL, IDENTITY_ENDPOINT and
 * IDENTITY_HEADER for DefaultAzureCredential's managed identity, KVLAB_CA_CERT) — no AZURE_* variables.
 */
class Stage2Test {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Process vault;
    static Map<String, String> env;

    @BeforeAll
    static void startStandaloneVault() throws Exception {
        Path envFile = dir.resolve("vault.env");
        ProcessBuilder pb = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                "dev.kvlab.vault.cli.VaultCommand", "--env-file", envFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("vault.log").toFile());
        scrub(pb.environment());
        vault = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(envFile) || !Files.readString(envFile).contains("KVLAB_CA_CERT")) {
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
        assertTrue(env.keySet().containsAll(List.of("KEY_VAULT_URL", "IDENTITY_ENDPOINT", "IDENTITY_HEADER",
                "KVLAB_CA_CERT")), env.toString());
    }

    @AfterAll
    static void stopVault() throws Exception {
        if (vault != null) {
            vault.destroy();
            vault.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void scrub(Map<String, String> environment) {
        environment.keySet().removeIf(k -> k.startsWith("AZURE_") || k.startsWith("IDENTITY_")
                || k.equals("KEY_VAULT_URL") || k.equals("KVLAB_CA_CERT") || k.equals("MSI_ENDPOINT"));
    }

    /** Runs the check command in a process with the vault's environment; returns its exit status. */
    static int check(Path results, Path output, String... args) throws Exception {
        return check(env, results, output, args);
    }

    static int check(Map<String, String> environment, Path results, Path output, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Dkvlab.root=" + Fixture.ROOT, "-cp",
                System.getProperty("java.class.path"), "dev.kvlab.checks.CheckCommand"));
        command.addAll(List.of(args));
        command.addAll(List.of("--results", results.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        scrub(pb.environment());
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the check command did not finish");
        }
        return p.exitValue();
    }

    @Test
    void sharedChecksRunOnTheRealVaultAndLeaveNothingBehind() throws Exception {
        Path results = dir.resolve("all");
        Path output = dir.resolve("all.txt");
        int status = check(results, output, "all", "--solution", "--seed", "11");
        String printed = Files.readString(output);
        assertEquals(0, status, printed);
        assertFalse(printed.contains("stage 2 (real vault) skipped"), printed);
        List<String> stage2 = new ArrayList<>();
        for (Exercise e : Exercise.ALL) {
            JsonNode json = JSON.readTree(results.resolve(e.alias()).resolve("results.json").toFile());
            assertEquals("pass", json.get("status").asText(), json.toString());
            json.get("tests").forEach(t -> {
                if (t.get("name").asText().startsWith("real vault: ")) {
                    stage2.add(t.get("name").asText());
                }
            });
        }
        assertTrue(stage2.size() >= 12, stage2.toString());
        assertFalse(stage2.stream().anyMatch(n -> n.contains("Forbidden")), "the role check needs the local vault");
        requireNothingLeft();
    }

    @Test
    void failingLearnerCodeInStage2StillCleansUp() throws Exception {
        Path file = Fixture.read(Fixture.DIR.resolve("rotate/sets-twice.java")).write(dir);
        Path output = dir.resolve("rotate.txt");
        int status = check(dir.resolve("rotate"), output, "rotate", "--file", file.toString(), "--seed", "5");
        String printed = Files.readString(output);
        assertEquals(1, status, printed);
        assertTrue(printed.contains("✗ real vault: creates exactly one new version"), printed);
        requireNothingLeft();
    }

    @Test
    void unreachableRealVaultIsOneLineAndStageOneStillCounts() throws Exception {
        Path output = dir.resolve("unreachable.txt");
        int status = check(Map.of("KEY_VAULT_URL", "https://kvlab.localhost:9/"), dir.resolve("unreachable"), output,
                "retrieve", "--solution");
        String printed = Files.readString(output);
        assertEquals(1, status, printed);
        assertTrue(printed.contains("  ✓ reads each secret exactly once"), printed);
        assertTrue(printed.contains("stage 2 (real vault) could not run: KEY_VAULT_URL points at a local vault"), printed);
        assertFalse(printed.contains("\tat "), printed);
    }

    /** Only the seeded secrets remain, and nothing the checks deleted waits in the recycle bin. */
    private static void requireNothingLeft() throws Exception {
        SecretClient client = client();
        List<String> names = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            names.add(p.getName());
        }
        assertEquals(List.of("cosmosdb-connection-string", "openai-api-key"), names.stream().sorted().toList());
        List<String> deleted = new ArrayList<>();
        for (DeletedSecret d : client.listDeletedSecrets()) {
            deleted.add(d.getName());
        }
        assertEquals(List.of(), deleted, "stage 2 purges what it deleted");
    }

    /** A client for the standalone vault, signed in through its managed-identity endpoint as the checks were. */
    private static SecretClient client() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(env.get("IDENTITY_ENDPOINT")
                + "?resource=https%3A%2F%2Flocalhost&api-version=2019-08-01"))
                .header("X-IDENTITY-HEADER", env.get("IDENTITY_HEADER")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        String token = JSON.readTree(response.body()).get("access_token").asText();
        TokenCredential credential = r -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusMinutes(30)));
        return new SecretClientBuilder().vaultUrl(env.get("KEY_VAULT_URL")).credential(credential)
                .httpClient(LoopbackTransport.httpClient(Files.readString(Path.of(env.get("KVLAB_CA_CERT")))))
                .buildClient();
    }
}
