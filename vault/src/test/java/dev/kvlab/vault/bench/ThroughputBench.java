package dev.kvlab.vault.bench;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SDK {@code getSecret} throughput and latency against an embedded vault in this JVM (client and server share the
 * cores, as in the lab): 1 and 8 client threads on one {@code SecretClient}, {@code args[0]} seconds each
 * (default 5) after a warm-up. Throttling is raised out of the way: this measures the server, not Azure's limit.
 */
public final class ThroughputBench {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (LocalVault vault = LocalVault.builder().throttleLimits(100_000_000, 100_000_000).start()) {
            SecretClient client = LoopbackClients.secretClient(vault, vault.url(), LocalAuthority.LAB_USER);
            run(client, 8, Math.max(2, seconds / 2), false); // warm-up: JIT, connections, token cache
            run(client, 1, seconds, true);
            run(client, 8, seconds, true);
        }
    }

    private static void run(SecretClient client, int threads, int seconds, boolean print) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] latencies = new long[threads][];
        AtomicLong total = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    client.getSecret("openai-api-key");
                    if (n < mine.length) {
                        mine[n++] = System.nanoTime() - start;
                    }
                }
                latencies[index] = Arrays.copyOf(mine, n);
                total.addAndGet(n);
                done.countDown();
            });
            thread.start();
        }
        done.await();
        if (!print) {
            return;
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("getSecret, %d client thread(s), %d s: %,d requests, %,.0f/s, p50 %.2f ms, p99 %.2f ms%n",
                threads, seconds, total.get(), total.get() / (double) seconds,
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
    }
}
