package dev.kvlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real-vault path without Azure: a standalone local vault ({@code ./jbang vault}) plays the Azure vault, and the
 * unchanged exercise code reaches it through {@code KEY_VAULT_URL} and {@code DefaultAzureCredential}, which signs
 * in through the vault's managed-identity endpoint ({@code IDENTITY_ENDPOINT}, {@code IDENTITY_HEADER}). The
 * environment holds only what {@code ./jbang vault} printed: no {@code AZURE_*}, so nothing probes Entra ID or the
 * instance metadata address.
 */
class RealVaultPathEndToEndTest {
    static Process vault;
    static Path vaultLog;
    static final Map<String, String> printed = new HashMap<>();

    @BeforeAll
    static void startStandaloneVault() throws IOException {
        Path dir = Files.createTempDirectory("kvlab-vault-");
        vaultLog = dir.resolve("vault.log");
        vault = JBang.startInBackground(vaultLog, Map.of(), "vault", "--env-file", dir.resolve("vault.env").toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(vault.getInputStream(), StandardCharsets.UTF_8));
        // the export lines come first; reading them is what waits for the vault to be ready
        for (String line; printed.size() < 4 && (line = out.readLine()) != null; ) {
            if (line.startsWith("export ")) {
                String[] nameValue = line.substring("export ".length()).split("=", 2);
                printed.put(nameValue[0], nameValue[1]);
            }
        }
        assertEquals(List.of("IDENTITY_ENDPOINT", "IDENTITY_HEADER", "KEY_VAULT_URL", "KVLAB_CA_CERT"),
                printed.keySet().stream().sorted().toList(), "./jbang vault printed\n" + Files.readString(vaultLog));
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the vault stopped
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopStandaloneVault() throws Exception {
        if (vault != null) {
            vault.destroy(); // SIGTERM: the vault's own clean stop
            if (!vault.waitFor(30, TimeUnit.SECONDS)) {
                vault.destroyForcibly();
            }
        }
        for (JBang.Run run : JBang.RUNS) {
            Leaks.assertNone(run);
        }
    }

    @Test
    void theUnchangedSolutionReadsTheVaultNamedByKeyVaultUrl() {
        JBang.Run run = JBang.run(printed, "retrieve-solution");
        Leaks.assertNone(run);
        assertEquals(0, run.exitCode(), run.toString());
        String url = printed.get("KEY_VAULT_URL");
        assertTrue(run.stdout().startsWith("Secrets in " + url.substring(0, url.length() - 1)), run.toString());
        assertTrue(LocalVaultEndToEndTest.row(run, "openai-api-key").endsWith(" retrieved"), run.toString());
        assertTrue(LocalVaultEndToEndTest.row(run, "cosmosdb-connection-string").endsWith(" retrieved"), run.toString());
    }

    @Test
    void aRotationThroughKeyVaultUrlIsSeenByTheNextProgram() {
        JBang.Run rotate = JBang.run(printed, "rotate-solution");
        Leaks.assertNone(rotate);
        assertEquals(0, rotate.exitCode(), rotate.toString());
        String version = LocalVaultEndToEndTest.field(rotate, "new version");

        // a second process against the same vault sees the new version: state lives in the vault, not the program
        JBang.Run retrieve = JBang.run(printed, "retrieve-solution");
        String row = LocalVaultEndToEndTest.row(retrieve, "openai-api-key");
        assertTrue(row.contains(" " + version + " ") && row.contains(" text/plain ")
                && row.contains(" environment=development, rotated=true "), retrieve.toString());
    }

    @Test
    void anUntouchedExerciseSaysTheSameAgainstThisVault() {
        JBang.Run run = JBang.run(printed, "list");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(List.of("ListSecretProperties: fill in region LIST_SECRETS in exercises/ListSecretProperties.java "
                + "(see docs/list.md), then run ./jbang check list"), run.errorLines(), run.toString());
    }

    @Test
    void aLocalKeyVaultUrlWithoutTheIdentityEndpointIsRefusedBeforeAnyTokenIsAskedFor() {
        Map<String, String> partial = new HashMap<>(printed);
        partial.remove("IDENTITY_ENDPOINT");
        partial.remove("IDENTITY_HEADER");
        JBang.Run run = JBang.run(partial, "retrieve-solution");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().size(), run.toString());
        assertTrue(run.errorLines().get(0).startsWith("Error: KEY_VAULT_URL points at a local vault (kvlab.localhost) but "
                + "IDENTITY_ENDPOINT is not set."), run.toString());
    }

    @Test
    void aMissingCaCertificateFileSaysWhereItShouldBe() {
        Map<String, String> wrong = new HashMap<>(printed);
        wrong.put("KVLAB_CA_CERT", "/nonexistent/kvlab-ca.pem");
        JBang.Run run = JBang.run(wrong, "list-solution");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(List.of("Error: cannot read the local vault's CA certificate /nonexistent/kvlab-ca.pem (KVLAB_CA_CERT). "
                + "Is ./jbang vault still running? Source the env file it wrote again."), run.errorLines(), run.toString());
    }
}
