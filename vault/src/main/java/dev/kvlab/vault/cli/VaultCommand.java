package dev.kvlab.vault.cli;

import dev.kvlab.vault.AuditLog;
import dev.kvlab.vault.Companion;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Seed;
import dev.kvlab.vault.secrets.JournalDamagedException;
import dev.kvlab.vault.secrets.SecretStore;
import dev.kvlab.vault.server.PortInUseException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code ./jbang vault}: the local vault in the foreground. Prints the {@code export} lines a client needs
 * (and writes them with {@code --env-file}), then serves until SIGTERM or Ctrl+C.
 */
@Command(name = "vault", mixinStandardHelpOptions = true, version = "kvlab local vault 0.1.0",
        description = "Runs the local Key Vault (secrets) on loopback and prints the export lines a client needs.",
        sortOptions = false)
public final class VaultCommand implements Callable<Integer> {
    static final String IDENTITY_SECRET_FILE = "identity-header";
    /** How many audit events a standalone vault keeps in memory; every event still goes to the audit file. */
    public static final int STANDALONE_AUDIT_EVENTS = 1_000;

    @Option(names = "--port", paramLabel = "N",
            description = "HTTPS port (default: any free port); the managed-identity endpoint then uses N+1")
    int port;

    @Option(names = "--env-file", paramLabel = "FILE", description = "also write the export lines to FILE (mode 600)")
    Path envFile;

    @Option(names = "--data", paramLabel = "DIR",
            description = "keep secrets, CA and token key in DIR across restarts; the audit log goes to DIR/audit.jsonl")
    Path dataDir;

    @Option(names = "--seed", paramLabel = "lab|none", defaultValue = "lab",
            description = "lab: the two sample secrets (default); none: an empty vault")
    String seed;

    @Option(names = "--vault", paramLabel = "NAME", description = "another vault besides kvlab (repeatable)")
    List<String> extraVaults = List.of();

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "append the audit log to FILE as JSON lines in Azure Monitor's AzureDiagnostics shape")
    Path auditLog;

    @Option(names = "--recover", description = "with --data: if the journal is damaged, keep every intact record and "
            + "move the damaged file aside (never deleted) instead of refusing to start")
    boolean recover;

    @Option(names = "--limits", paramLabel = "off|azure|C/O", defaultValue = "azure",
            description = "the throttle per vault and 10 s: azure (300 creates / 4000 others, default), off, or "
                    + "C/O, e.g. 50/200")
    String limits;

    @Option(names = "--app-config",
            description = "also run the local App Configuration store at https://kvlab-config.localhost:<port>")
    boolean appConfig;

    @Option(names = "--verbose", description = "stack traces for errors, and one line per request on stderr")
    boolean verbose;

    private boolean ownsProcess;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    public static void main(String[] args) {
        System.exit(run(true, args));
    }

    /** Runs the command in this JVM (tests) and returns its exit status; it does not take over signals. */
    public static int run(String... args) {
        return run(false, args);
    }

    /** Exit status: 0 stopped cleanly, 2 a usage error or the port is taken. */
    private static int run(boolean ownsProcess, String... args) {
        VaultCommand command = new VaultCommand();
        command.ownsProcess = ownsProcess;
        CommandLine line = new CommandLine(command);
        line.setParameterExceptionHandler((e, arguments) -> {
            System.err.println("Error: " + e.getMessage() + ". Run ./jbang vault --help for the options.");
            return 2;
        });
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            System.err.println("Error: " + message(e));
            if (command.verbose) {
                e.printStackTrace();
            }
            return 2;
        });
        return line.execute(args);
    }

    /** {@code --limits}: creates and other operations per vault and 10 seconds. */
    private int[] limits(String text) {
        int[] parsed = parseLimits(text);
        if (parsed == null) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--limits must be off, azure or CREATES/OTHERS (two positive numbers, e.g. 50/200), not " + text);
        }
        return parsed;
    }

    /** {@code off}, {@code azure} or {@code C/O} as {creates, others}; null when it is none of them. */
    static int[] parseLimits(String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("azure")) {
            return new int[] {300, 4000};
        }
        if (value.equals("off")) {
            return new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE};
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})/(\\d{1,9})").matcher(value);
        if (m.matches() && Integer.parseInt(m.group(1)) > 0 && Integer.parseInt(m.group(2)) > 0) {
            return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        }
        return null;
    }

    private static String message(Exception e) {
        if (e instanceof JournalDamagedException damaged) {
            return damaged.getMessage() + ".";
        }
        if (e instanceof PortInUseException inUse) {
            return "port " + inUse.port() + " is already in use. Stop the other program or pick another port with --port.";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a folder. Pass a folder to --data, or another file name.";
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "permission denied for " + denied.getFile() + ". Pick a folder you can write to.";
        }
        if (e instanceof java.nio.file.FileSystemException file) {
            return "cannot use " + file.getFile() + (file.getReason() != null ? " (" + file.getReason() + ")" : "")
                    + ". Check the path and try again.";
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text + (text.endsWith(".") ? "" : ".") + " Run with --verbose for details.";
    }

    @Override
    public Integer call() throws Exception {
        Seed seedChoice = switch (seed) {
            case "lab" -> Seed.LAB;
            case "none" -> Seed.NONE;
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--seed must be lab or none, not " + seed);
        };
        if (port < 0 || port > 65534) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--port must be 1 to 65534");
        }
        // Nobody reads the in-memory audit log of a standalone vault (it goes to a file): keep few events, so a load
        // test does not hold 100,000 of them in memory.
        LocalVault.Builder builder = LocalVault.builder().seed(seedChoice).port(port).auditCapacity(STANDALONE_AUDIT_EVENTS);
        int[] throttle = limits(limits);
        builder.throttleLimits(throttle[0], throttle[1]);
        for (String name : extraVaults) {
            builder.vault(name);
        }
        if (port > 0) {
            builder.identityPort(port + 1);
        }
        Companion store = appConfig ? appConfigStore() : null;
        if (store != null) {
            builder.companion(store);
        }
        if (dataDir != null) {
            SecretStore.createPrivateDirectory(dataDir);
            builder.dataDir(dataDir).recoverJournal(recover).identitySecret(identitySecret(dataDir));
            if (auditLog == null) {
                auditLog = dataDir.resolve("audit.jsonl");
            }
        }
        if (ownsProcess) {
            handleSignals();
        }
        if (verbose) {
            showDetails();
        }
        LocalVault vault;
        try {
            vault = builder.start();
        } catch (RuntimeException e) {
            closed.countDown();
            throw e;
        }
        Writer audit = null;
        try {
            if (auditLog != null) {
                audit = Files.newBufferedWriter(auditLog, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                vault.auditLog().addListener(AuditLog.azureDiagnosticsLines(audit));
            }
            if (verbose) {
                vault.auditLog().addListener(event -> System.err.println(event.toJsonLine()));
            }
            if (vault.damagedJournal() != null) {
                System.err.println("Recovered the secrets journal: every intact record was kept; the damaged file is "
                        + "at " + vault.damagedJournal() + ".");
            }
            String exports = exports(vault) + (store != null ? store.exports(vault) : "");
            if (envFile != null) {
                writeEnvFile(envFile, exports);
            }
            System.out.print(exports);
            System.out.flush();
            System.err.println("Local vault ready at " + vault.url() + "/ (vaults: " + String.join(", ",
                    vault.vaultNames()) + ")" + (store != null ? " with App Configuration at https://" + store.hostName()
                    + ".localhost:" + vault.port() + "/" : "") + (envFile != null ? "; wrote " + envFile : "")
                    + ". Ctrl+C stops it.");
            stopped.await();
            System.err.println("Local vault stopped.");
            return 0;
        } finally {
            vault.close();
            if (audit != null) {
                audit.close();
            }
            closed.countDown();
        }
    }

    /**
     * SIGTERM and Ctrl+C end the wait in {@link #call()}, so the vault closes on the main thread and the exit
     * status is 0 (a JVM ended by a signal exits 143). Installed before the vault starts: a signal that comes
     * while it is starting still stops it cleanly. The hook covers other ways out, e.g. SIGHUP.
     */
    private void handleSignals() {
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), received -> stopped.countDown());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kvlab-vault-shutdown"));
    }

    /** --verbose: the server's failure details (stack traces) on stderr. */
    private static void showDetails() {
        Logger server = Logger.getLogger("dev.kvlab.vault");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.FINE);
        server.setLevel(Level.FINE);
        server.addHandler(handler);
    }

    /** The App Configuration store (module appconfig), found on the class path so the vault does not depend on it. */
    private static Companion appConfigStore() {
        return ServiceLoader.load(Companion.class).findFirst().orElseThrow(() -> new IllegalStateException(
                "the App Configuration store (dev.kvlab:kvlab-appconfig) is not on the class path; run ./jbang vault"
                        + " --app-config from the lab's folder"));
    }

    /** The lines a shell sources to use this vault, the same shape as setup/azdeploy.sh's .env. */
    static String exports(LocalVault vault) {
        return "export KEY_VAULT_URL=" + vault.url() + "/\n"
                + "export IDENTITY_ENDPOINT=" + vault.identityEndpoint() + "\n"
                + "export IDENTITY_HEADER=" + vault.identityHeader() + "\n"
                + "export KVLAB_CA_CERT=" + vault.caCertificateFile().toAbsolutePath() + "\n";
    }

    private static void writeEnvFile(Path file, String exports) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        String text = "# The lab's local vault, written by ./jbang vault (it must keep running). Load it with: source "
                + file + "\n" + exports;
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        createPrivate(temporary);
        Files.writeString(temporary, text);
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void createPrivate(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    /** The managed-identity header secret kept in the data folder, so a sourced env file survives a restart. */
    private static String identitySecret(Path dir) throws IOException {
        Path file = dir.resolve(IDENTITY_SECRET_FILE);
        if (Files.exists(file)) {
            String kept = Files.readString(file).trim();
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Path temporary = file.resolveSibling(IDENTITY_SECRET_FILE + ".tmp");
        Files.deleteIfExists(temporary);
        createPrivate(temporary);
        Files.writeString(temporary, secret);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return secret;
    }

}
