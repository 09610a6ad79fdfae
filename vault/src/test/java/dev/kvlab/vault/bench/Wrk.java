package dev.kvlab.vault.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own capacity: {@code wrk}, a native HTTP load generator, in a process of its own, with 1 and 8
 * kept-alive TLS connections (it does not check the certificate; the SDK runs do). Skipped when wrk is missing.
 */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+(\\S+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+(\\S+)");

    private Wrk() {
    }

    static void run(int port, String token, int seconds, Process vault) throws Exception {
        System.out.println("wrk (native client, GET of the same secret):");
        for (int connections : new int[] {1, 8}) {
            long vaultCpu = ThroughputBench.cpuNanos(vault);
            String output;
            try {
                Process wrk = new ProcessBuilder(List.of("wrk", "-t" + Math.min(2, connections), "-c" + connections,
                        "-d" + seconds + "s", "--latency", "-H", "Authorization: Bearer " + token,
                        "-H", "Host: kvlab.localhost:" + port,
                        "https://127.0.0.1:" + port + "/secrets/openai-api-key?api-version=2025-07-01"))
                        .redirectErrorStream(true).start();
                output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                wrk.waitFor();
            } catch (IOException e) {
                System.out.println("  skipped: wrk is not installed (apt-get install wrk)");
                return;
            }
            if (output.contains("Non-2xx")) {
                throw new IllegalStateException("the vault refused some of wrk's requests:\n" + output);
            }
            double vaultCores = (ThroughputBench.cpuNanos(vault) - vaultCpu) / 1e9 / seconds;
            System.out.printf("  %d connection(s): %s/s, p50 %s, p99 %s; vault CPU %.2f cores%n", connections,
                    find(RATE, output), find(P50, output), find(P99, output), vaultCores);
        }
    }

    private static String find(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + output);
        }
        return m.group(1);
    }
}
