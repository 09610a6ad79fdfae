package dev.kvlab.console;

import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.LabException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./jbang console}: the lab console in the browser at http://127.0.0.1:5000, until Ctrl+C. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Serve the lab console on http://127.0.0.1:PORT: run your exercise code and check it in the browser.")
public final class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).", defaultValue = "5000")
    int port;

    @Option(names = "--sources", description = "Folder whose files to run: exercises (yours) or solutions (default: ${DEFAULT-VALUE}).",
            defaultValue = "exercises")
    String sources;

    @Option(names = "--verbose", description = "Print stack traces of the console's own failures.")
    boolean verbose;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ConsoleCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            boolean verbose = ((ConsoleCommand) line.getCommand()).verbose;
            System.err.println(dev.kvlab.runtime.Diagnosis.of(e, Lab.lastVaultUrl()));
            if (verbose) {
                e.printStackTrace();
            }
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new LabException("--port must be between 0 and 65535, not " + port + ".");
        }
        LabFolder folder = LabFolder.locate(sources);
        LabConsole[] made = new LabConsole[1];
        ConsoleServer server = ConsoleServer.start(port, () -> made[0] = LabConsole.forEnvironment(folder));
        LabConsole console = made[0];
        String keyVaultUrl = System.getenv("KEY_VAULT_URL");
        console.warmUp(keyVaultUrl == null || keyVaultUrl.isBlank());
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("Lab console at " + server.url() + " (vault: " + console.vault() + "; ready in " + ms + " ms).");
        System.out.println("Running your code in " + console.sources() + "/. Press Ctrl+C to stop.");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "console-stop"));
        stopped.await();
        return 0;
    }
}
