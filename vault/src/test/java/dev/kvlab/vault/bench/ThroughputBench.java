package dev.kvlab.vault.bench;

import com.azure.core.http.HttpClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * SDK {@code getSecret} throughput and latency against a local vault in a JVM of its own, as {@code ./jbang vault}
 * runs it; this JVM is the client and both share the machine's cores. For each of two SDK transports (Netty, the
 * SDK's default, and OkHttp): a warm-up with 8 threads (C2 needs about 30 s on 2 cores to settle), then 1 and 8
 * client threads on one {@code SecretClient}. Then, when {@code wrk} is installed, a native client with 1 and 8
 * connections: the server's own capacity. Throttling is raised out of the way: this measures the server, not
 * Azure's limit. CPU is reported for both processes.
 *
 * <p>Usage: {@code ThroughputBench [seconds] [warm-up seconds] [vault JVM options...]}; the vault child is
 * {@code ThroughputBench vault}.
 */
public final class ThroughputBench {
    private static final String MARK = "kvlab-bench: ";
    private static final String SECRET = "openai-api-key";

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("vault")) {
            serve();
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<String> options = List.of(args).subList(Math.min(2, args.length), args.length);
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ThroughputBench.class.getName(), "vault"));
        Process vault = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String[] ready = ready(vault).split(" ");
            int port = Integer.parseInt(ready[0]);
            String token = ready[1];
            String ca = new String(Base64.getDecoder().decode(ready[2]), StandardCharsets.US_ASCII);
            System.out.printf("vault JVM options: %s; %d s per run after a %d s warm-up per transport%n",
                    options.isEmpty() ? "(none)" : String.join(" ", options), seconds, warmUp);
            transport("Netty (the SDK's default)", LoopbackClients::httpClient, port, token, ca, vault, seconds, warmUp);
            transport("OkHttp", LoopbackClients::okHttpClient, port, token, ca, vault, seconds, warmUp);
            Wrk.run(port, token, seconds, vault);
        } finally {
            vault.getOutputStream().close(); // the child stops when its stdin closes
            vault.waitFor();
        }
    }

    /** The vault child: serves until stdin closes. */
    private static void serve() throws Exception {
        try (LocalVault vault = LocalVault.builder().throttleLimits(100_000_000, 100_000_000).start()) {
            System.out.println(MARK + vault.port() + " " + vault.issueToken(LocalAuthority.LAB_USER).token() + " "
                    + Base64.getEncoder().encodeToString(vault.caCertificatePem().getBytes(StandardCharsets.US_ASCII)));
            System.out.flush();
            System.in.read();
        }
    }

    private static void transport(String name, Function<String, HttpClient> transport, int port, String token,
                                  String ca, Process vault, int seconds, int warmUp) throws Exception {
        SecretClient client = new SecretClientBuilder()
                .vaultUrl("https://kvlab.localhost:" + port)
                .credential(LoopbackClients.fixedToken(token))
                .httpClient(transport.apply(ca))
                .buildClient();
        if (client.getSecret(SECRET).getValue().isEmpty()) {
            throw new IllegalStateException("the vault answered without a value");
        }
        run(client, 8, warmUp, vault);
        System.out.println("SDK getSecret on " + name + ":");
        System.out.println("  " + run(client, 1, seconds, vault));
        System.out.println("  " + run(client, 8, seconds, vault));
    }

    private static String run(SecretClient client, int threads, int seconds, Process vault) throws Exception {
        long clientCpu = processCpuNanos();
        long vaultCpu = cpuNanos(vault);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] latencies = new long[threads][];
        AtomicLong total = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int index = t;
            new Thread(() -> {
                long[] mine = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    client.getSecret(SECRET);
                    if (n < mine.length) {
                        mine[n++] = System.nanoTime() - start;
                    }
                }
                latencies[index] = Arrays.copyOf(mine, n);
                total.addAndGet(n);
                done.countDown();
            }).start();
        }
        done.await();
        double clientSeconds = (processCpuNanos() - clientCpu) / 1e9;
        double vaultSeconds = (cpuNanos(vault) - vaultCpu) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return String.format("%d client thread(s): %,.0f/s, p50 %.2f ms, p99 %.2f ms; CPU: client %.2f cores,"
                        + " vault %.2f cores (%.0f µs per request)",
                threads, total.get() / (double) seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                clientSeconds / seconds, vaultSeconds / seconds, vaultSeconds * 1e6 / total.get());
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static String ready(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(MARK)) {
                return line.substring(MARK.length());
            }
            System.err.println(line);
        }
        throw new IllegalStateException("the vault JVM ended before it was ready (exit " + child.waitFor() + ")");
    }
}
