package dev.kvlab.console;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.kvlab.appconfig.LocalAppConfig;
import dev.kvlab.runtime.Lab;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Seed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** A console on an ephemeral port over its own seeded local vault, for one test class. */
final class LabFixture implements AutoCloseable {
    /** Seed.LAB's values: no page may ever contain either of them whole. */
    static final List<String> SEED_VALUES = List.of(
            "sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq",
            "AccountEndpoint=https://kvlab-cosmos.documents.azure.com:443/;AccountKey=c2VjcmV0LWxhYi1mYWtlLWtleS1kby1ub3QtdXNlLWluLXByb2R1Y3Rpb24tZXZlcg==;");
    /** A whole value the console generates for Create New Version. */
    static final Pattern ROTATED_VALUE = Pattern.compile("sk-proj-rotated-[A-Za-z0-9]{32}");

    final LocalVault vault;
    /** The App Configuration store inside {@link #vault} (exercise 12 reads it). */
    final LocalAppConfig store;
    final SecretClient client;
    final LabConsole console;
    final ConsoleServer server;
    /** Where "Check my work" writes results/<alias>/results.json: a folder of the test's, never the checkout's. */
    final Path results;

    private LabFixture(LabFolder folder) {
        try {
            results = Files.createTempDirectory("kvlab-console-results-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = LocalAppConfig.builder().vault(LocalVault.builder().seed(Seed.LAB)).start();
        vault = store.vault();
        client = Lab.client(vault);
        console = new LabConsole(folder, client, () -> Lab.builder(vault, Lab.LAB_USER), LabConsole.localBadge(vault.url()),
                new WorkChecker(folder, results), LabConsole.TIME_LIMIT).settings(() -> Lab.configurationClient(store));
        server = ConsoleServer.start(0, console);
    }

    static Path root() {
        return Path.of(System.getProperty("kvlab.root", "..")).toAbsolutePath().normalize();
    }

    /** A console running the files in {@code sources} (exercises or solutions) of this checkout. */
    static LabFixture of(String sources) {
        Path root = root();
        return new LabFixture(new LabFolder(root, root.resolve(sources)));
    }

    static LabFixture of(LabFolder folder) {
        return new LabFixture(folder);
    }

    String url() {
        return server.url().toString();
    }

    @Override
    public void close() throws Exception {
        server.close();
        vault.close();
        try (var files = Files.walk(results)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
