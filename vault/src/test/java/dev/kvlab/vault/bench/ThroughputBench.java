package dev.kvlab.vault.bench;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import java.lang.management.ManagementFactory;
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
            // warm-up: connections, token cache and above all the JIT, which is slow on a busy machine
            run(client, 8, Math.max(4, seconds), false);
            run(client, 1, seconds, true);
            run(client, 8, seconds, true);
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time of every live Java thread (the JIT compiler and GC threads are not Java threads). */
    static long javaThreadsCpuNanos() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            long cpu = mx.getThreadCpuTime(id);
            if (cpu > 0) {
                sum += cpu;
            }
        }
        return sum;
    }

    private static void run(SecretClient client, int threads, int seconds, boolean print) throws Exception {
        long cpuBefore = processCpuNanos();
        long javaCpuBefore = javaThreadsCpuNanos();
        AtomicLong workersCpu = new AtomicLong();
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
                workersCpu.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                total.addAndGet(n);
                done.countDown();
            });
            thread.start();
        }
        done.await();
        Thread.sleep(50); // let the workers end, so the live-thread sum below leaves them out
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        double javaCpuSeconds = (javaThreadsCpuNanos() - javaCpuBefore + workersCpu.get()) / 1e9;
        if (!print) {
            return;
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        // Requests per CPU-second depend much less on what else the machine runs than requests per second; the
        // Java threads' share (client + server, without JIT compiler and GC threads) is the steady-state cost.
        System.out.printf("getSecret, %d client thread(s), %d s: %,d requests, %,.0f/s, p50 %.2f ms, p99 %.2f ms;"
                        + " process CPU %.1f s (%,.0f requests per CPU-second), Java threads %.1f s (%,.0f per CPU-second)%n",
                threads, seconds, total.get(), total.get() / (double) seconds,
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                cpuSeconds, total.get() / cpuSeconds, javaCpuSeconds, total.get() / javaCpuSeconds);
    }
}
