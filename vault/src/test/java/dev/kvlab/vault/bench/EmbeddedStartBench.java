package dev.kvlab.vault.bench;

import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.RawHttps;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Embedded start: {@code LocalVault.start()} in a fresh JVM, then the first answered request (the 401 challenge to
 * an anonymous GET, over TLS that checks the CA and the host name).
 *
 * <p>The parent (this JVM, warmed up) starts each child JVM with the given JVM options and measures two things:
 * <ul>
 *   <li>the vault's own start: the child starts a vault and prints its port and CA, and this JVM, whose TLS stack
 *       is already loaded, sends the first request. Both read the same monotonic clock ({@code System.nanoTime()}
 *       is CLOCK_MONOTONIC on Linux, one clock for every process), so start → answered spans both processes;</li>
 *   <li>start → answered with the client in the child too: a cold JDK TLS client pays its own class loading
 *       inside the number, as a lab program's first request does.</li>
 * </ul>
 * Then, in one JVM, further vaults: what a test class, a check run or the console pays once the classes are loaded.
 * Usage: {@code EmbeddedStartBench runs [jvm options...]}; a child is {@code EmbeddedStartBench child local|remote}.
 */
public final class EmbeddedStartBench {
    private static final String MARK = "kvlab-bench: ";
    private static final String PATH = "/secrets/openai-api-key/?api-version=2025-07-01";

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1].equals("local"));
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> options = List.of(args).subList(Math.min(1, args.length), args.length);
        remote(options); // unmeasured: the page cache and this JVM's client warm up
        long[][] remote = new long[runs][];
        long[][] local = new long[runs][];
        for (int i = 0; i < runs; i++) {
            remote[i] = remote(options);
            local[i] = local(options);
        }
        System.out.printf("JVM options: %s%n", options.isEmpty() ? "(none)" : String.join(" ", options));
        System.out.printf("  vault's own start (warm client in another process): LocalVault.start() %s,"
                + " start -> first answered request %s%n", median(remote, 0), median(remote, 1));
        System.out.printf("  with a cold client in the same JVM: LocalVault.start() %s,"
                + " start -> first answered request %s; CPU of the whole process by then (JVM boot, JIT and"
                + " GC included) %s%n", median(local, 0), median(local, 1), median(local, 2));
        System.out.printf("  a further vault in the same JVM: start -> first answered request %s%n", further());
    }

    /** The child's start and the parent's first request: {start ms, answered ms}. */
    private static long[] remote(List<String> options) throws Exception {
        Process child = spawn(options, "remote");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String[] ready = line(out, child).split(" ");
            long t0 = Long.parseLong(ready[0]);
            long started = Long.parseLong(ready[1]);
            String ca = new String(Base64.getDecoder().decode(ready[3]), StandardCharsets.US_ASCII);
            RawHttps.Response response = RawHttps.send(RawHttps.trusting(ca), Integer.parseInt(ready[2]),
                    "kvlab.localhost", "GET", PATH, Map.of(), null);
            long answered = System.nanoTime();
            check(response);
            child.getOutputStream().close(); // the child exits when its stdin closes
            child.waitFor();
            return new long[] {(started - t0) / 1_000_000, (answered - t0) / 1_000_000};
        }
    }

    /** The child's start and its own first request: {start ms, answered ms, process CPU ms}. */
    private static long[] local(List<String> options) throws Exception {
        Process child = spawn(options, "local");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String[] times = line(out, child).split(" ");
            child.waitFor();
            return new long[] {Long.parseLong(times[0]), Long.parseLong(times[1]), Long.parseLong(times[2])};
        }
    }

    private static void child(boolean local) throws Exception {
        long t0 = System.nanoTime();
        LocalVault vault = LocalVault.start();
        long started = System.nanoTime();
        if (local) {
            check(RawHttps.send(RawHttps.trusting(vault.caCertificatePem()), vault.port(), "kvlab.localhost", "GET",
                    PATH, Map.of(), null));
            long answered = System.nanoTime();
            System.out.println(MARK + (started - t0) / 1_000_000 + " " + (answered - t0) / 1_000_000 + " "
                    + ThroughputBench.processCpuNanos() / 1_000_000);
            return;
        }
        System.out.println(MARK + t0 + " " + started + " " + vault.port() + " "
                + Base64.getEncoder().encodeToString(vault.caCertificatePem().getBytes(StandardCharsets.US_ASCII)));
        System.out.flush();
        System.in.read(); // serve until the parent is done
        vault.close();
    }

    private static String further() throws Exception {
        long[] times = new long[7];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            try (LocalVault next = LocalVault.start()) {
                check(RawHttps.send(RawHttps.trusting(next.caCertificatePem()), next.port(), "kvlab.localhost", "GET",
                        PATH, Map.of(), null));
                times[i] = (System.nanoTime() - t0) / 1_000_000;
            }
        }
        return median(times);
    }

    private static Process spawn(List<String> options, String mode) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EmbeddedStartBench.class.getName(),
                "child", mode));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The child's answer; other lines (JVM warnings, a profiler's) are passed through. */
    private static String line(BufferedReader out, Process child) throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(MARK)) {
                return line.substring(MARK.length());
            }
            System.err.println(line);
        }
        throw new IllegalStateException("the child JVM ended without an answer (exit " + child.waitFor() + ")");
    }

    private static void check(RawHttps.Response response) {
        if (response.status() != 401) {
            throw new IllegalStateException("expected the 401 challenge, got " + response.status());
        }
    }

    private static String median(long[][] runs, int column) {
        return median(Arrays.stream(runs).mapToLong(run -> run[column]).toArray());
    }

    private static String median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("median %d ms (%d–%d)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }
}
