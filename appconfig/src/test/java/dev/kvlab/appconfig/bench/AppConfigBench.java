package dev.kvlab.appconfig.bench;

import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.ConfigurationClientBuilder;
import com.azure.data.appconfiguration.models.SettingSelector;
import dev.kvlab.appconfig.LocalAppConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The store's start and {@code listConfigurationSettings} throughput, for docs/BENCHMARKS.md (bench/appconfig.sh).
 * Start: {@code LocalAppConfig.start()} (vault and store) to the first answered SDK request, first in this fresh
 * JVM, then further ones. Throughput: the SDK on Netty lists {@code OpenAI:*} (4 settings, one page) and a
 * 200-setting prefix (two pages) from {@code threads} threads, after a warm-up, in this JVM.
 *
 * <pre>java -cp ... dev.kvlab.appconfig.bench.AppConfigBench [seconds] [warm-up seconds] [threads...]</pre>
 */
public final class AppConfigBench {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int[] threadCounts = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8};
        for (int i = 0; i < 6; i++) {
            long started = System.nanoTime();
            try (LocalAppConfig config = LocalAppConfig.start()) {
                long ready = System.nanoTime();
                client(config).getConfigurationSetting("sentinel", null);
                long answered = System.nanoTime();
                System.out.printf("start %d (%s JVM): start() %d ms, first SDK answer after %d ms%n", i + 1,
                        i == 0 ? "fresh" : "warm", (ready - started) / 1_000_000, (answered - started) / 1_000_000);
            }
        }
        try (LocalAppConfig config = LocalAppConfig.start()) {
            ConfigurationClient seeder = client(config);
            for (int i = 0; i < 200; i++) {
                seeder.setConfigurationSetting(String.format("Bulk:%03d", i), null, "value-" + i);
            }
            for (String filter : new String[] {"OpenAI:*", "Bulk:*"}) {
                run(config, filter, warm, 8, false);
                for (int threads : threadCounts) {
                    run(config, filter, seconds, threads, true);
                }
            }
        }
        System.exit(0);
    }

    private static ConfigurationClient client(LocalAppConfig config) {
        return new ConfigurationClientBuilder().connectionString(config.connectionString())
                .httpClient(BenchClients.httpClient(config.caCertificatePem())).buildClient();
    }

    private static void run(LocalAppConfig config, String filter, int seconds, int threads, boolean report)
            throws Exception {
        List<ConfigurationClient> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            clients.add(client(config));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> results = new ArrayList<>();
        for (ConfigurationClient client : clients) {
            results.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                long items = 0;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    items += client.listConfigurationSettings(new SettingSelector().setKeyFilter(filter)).stream().count();
                    latencies.add(System.nanoTime() - t);
                }
                long[] out = new long[latencies.size() + 1];
                out[0] = items;
                for (int i = 0; i < latencies.size(); i++) {
                    out[i + 1] = latencies.get(i);
                }
                return out;
            }));
        }
        List<Long> all = new ArrayList<>();
        long items = 0;
        for (Future<long[]> result : results) {
            long[] out = result.get();
            items += out[0];
            for (int i = 1; i < out.length; i++) {
                all.add(out[i]);
            }
        }
        pool.shutdown();
        if (report) {
            all.sort(null);
            System.out.printf("list %s, %d thread(s), %d s: %.0f lists/s (%.0f settings/s), p50 %.2f ms, p99 %.2f ms%n",
                    filter, threads, seconds, all.size() / (double) seconds, items / (double) seconds,
                    all.get(all.size() / 2) / 1e6, all.get((int) (all.size() * 0.99)) / 1e6);
        }
    }
}
