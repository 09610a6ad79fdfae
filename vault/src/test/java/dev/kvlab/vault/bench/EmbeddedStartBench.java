package dev.kvlab.vault.bench;

import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.RawHttps;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.security.cert.X509Certificate;

/**
 * Embedded start in a fresh JVM: {@code LocalVault.start()} and then the first answered request (the 401
 * challenge to an anonymous GET over a JDK TLS socket that trusts the vault's CA and checks the host name). Run in a new JVM
 * each time (bench/vault.sh does), since class loading is most of the cost. Then, in the same JVM, the start of
 * further vaults: what a test class, a check run or the console pays once the JVM has the classes loaded.
 */
public final class EmbeddedStartBench {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        LocalVault vault = LocalVault.start();
        long started = System.nanoTime();
        // the lightest client there is (one TLS socket), so the number is the vault's and not a client library's
        RawHttps.Response response = RawHttps.send(RawHttps.trusting(vault.caCertificatePem()), vault.port(),
                "kvlab.localhost", "GET", "/secrets/openai-api-key/?api-version=2025-07-01", Map.of(), null);
        long answered = System.nanoTime();
        long jvm = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpu = ThroughputBench.processCpuNanos() / 1_000_000;
        System.out.printf("embedded start: LocalVault.start() %d ms, start -> first answered request (%d) %d ms"
                        + " (JVM uptime before main work: ~%d ms; process CPU so far, JVM boot and JIT included: %d ms)%n",
                (started - t0) / 1_000_000, response.status(), (answered - t0) / 1_000_000,
                jvm - (answered - t0) / 1_000_000, cpu);
        vault.close();

        long[] again = new long[5];
        for (int i = 0; i < again.length; i++) {
            long s0 = System.nanoTime();
            try (LocalVault next = LocalVault.start()) {
                RawHttps.send(RawHttps.trusting(next.caCertificatePem()), next.port(), "kvlab.localhost", "GET",
                        "/secrets/openai-api-key/?api-version=2025-07-01", Map.of(), null);
                again[i] = (System.nanoTime() - s0) / 1_000_000;
            }
        }
        java.util.Arrays.sort(again);
        System.out.printf("embedded start in the same JVM (next 5 vaults): start -> first answered request median %d ms"
                + " (min %d, max %d)%n", again[2], again[0], again[4]);
    }
}
