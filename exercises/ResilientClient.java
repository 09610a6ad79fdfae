///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 9: survive throttling with the SDK's retry options and a cache (instructions: docs/resilient.md)

package dev.kvlab.exercises;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Mask;
import dev.kvlab.runtime.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Exercise 9: a client that rides out Key Vault's throttling (the SDK's retries, waiting as long as the vault asks)
 * and a cache in front of it that many threads share, so a burst of reads costs the vault one call per secret.
 */
public class ResilientClient {

    /** Key Vault's throttling guidance: on a 429, retry after 1, 2, 4, 8 and 16 seconds, then give up. */
    public static final int MAX_RETRIES = 5;
    /** The first back-off delay, doubled on each retry, when the vault's answer does not say how long to wait. */
    public static final Duration BASE_DELAY = Duration.ofSeconds(1);
    /** The longest back-off delay. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(16);
    /** How long a cached value is served before the vault is asked again. */
    public static final Duration TTL = Duration.ofSeconds(30);
    /** The two secrets the lab's vault is seeded with. */
    public static final List<String> SECRET_NAMES = List.of("openai-api-key", "cosmosdb-connection-string");
    /** How many threads of a busy app ask for each secret at the same moment in a {@link #burst}. */
    public static final int READERS = 8;

    /** One read: the secret, {@code read} or {@code failed: <status>}, and the masked value (null when it failed). */
    public record Read(String secret, String outcome, String value) {
    }

    /** How the reads of one secret went: how many, which outcome, the masked value. */
    public record Tally(String secret, String outcome, String value, int reads) {
    }

    /** Two bursts through one cache: the reads per secret and outcome, and how many reached the vault. */
    public record BurstReport(List<Tally> reads, int vaultCalls, int totalReads) {
    }

    /**
     * Task 1 (docs/resilient.md): the client a production app uses. The builder already knows the vault, the
     * credential and the transport; give it retry options that follow Key Vault's throttling guidance
     * ({@link #MAX_RETRIES} retries, exponential back-off from {@link #BASE_DELAY} up to {@link #MAX_DELAY}, and
     * never sooner than the vault's {@code Retry-After}), then build the client.
     */
    public static SecretClient resilientClient(SecretClientBuilder builder) {
        // BEGIN RESILIENT_CLIENT
        throw new UnsupportedOperationException("ResilientClient: fill in region RESILIENT_CLIENT in exercises/ResilientClient.java (see docs/resilient.md), then run ./jbang check resilient");
        // END RESILIENT_CLIENT
    }

    /**
     * Secret values cached in memory for a time-to-live, measured on the monotonic clock {@code nanoTime}
     * (nanoseconds, like {@link System#nanoTime()}; tests hand in a clock they move themselves), and shared by many
     * threads at once.
     */
    public static class SecretCache {
        private final SecretClient client;
        private final Duration ttl;
        private final LongSupplier nanoTime;
        private final Map<String, Entry> entries = new ConcurrentHashMap<>();
        private final AtomicInteger vaultCalls = new AtomicInteger();

        /** A value and the {@code nanoTime} at which it was fetched from the vault. */
        private record Entry(String value, long fetchedAt) {
        }

        public SecretCache(SecretClient client, Duration ttl, LongSupplier nanoTime) {
            this.client = client;
            this.ttl = ttl;
            this.nanoTime = nanoTime;
        }

        /**
         * Task 2 (docs/resilient.md): the value of secret {@code name}: the cached one when it was fetched less than
         * {@code ttl} ago, otherwise the latest from the vault (one vault call, counted in {@code vaultCalls}), which
         * is then cached. Many threads call this at once: while one of them fetches a name, the others asking for
         * that name wait for its value instead of calling the vault too. A failed read is not cached.
         */
        public String get(String name) {
            // BEGIN CACHE_GET
            throw new UnsupportedOperationException("ResilientClient: fill in region CACHE_GET in exercises/ResilientClient.java (see docs/resilient.md), then run ./jbang check resilient");
            // END CACHE_GET
        }

        /** How many times {@link #get} went to the vault. */
        public int vaultCalls() {
            return vaultCalls.get();
        }
    }

    /** One read straight through {@code client}, no cache: the masked value, or the status it failed with. */
    public static Read read(SecretClient client, String name) {
        try {
            KeyVaultSecret secret = client.getSecret(name);
            return new Read(name, "read", Mask.value(secret.getValue()));
        } catch (HttpResponseException e) {
            return new Read(name, "failed: " + e.getResponse().getStatusCode(), null);
        }
    }

    /**
     * What a busy app does: for each of {@code names}, {@code readers} threads ask {@code cache} for it at the same
     * moment. Returns every read, names in the order given.
     */
    public static List<Read> burst(SecretCache cache, List<String> names, int readers) {
        ExecutorService threads = Executors.newFixedThreadPool(names.size() * readers);
        CountDownLatch ready = new CountDownLatch(names.size() * readers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Read>> reads = new ArrayList<>();
            for (String name : names) {
                for (int i = 0; i < readers; i++) {
                    reads.add(threads.submit(() -> {
                        ready.countDown();
                        start.await();
                        try {
                            return new Read(name, "read", Mask.value(cache.get(name)));
                        } catch (HttpResponseException e) {
                            return new Read(name, "failed: " + e.getResponse().getStatusCode(), null);
                        }
                    }));
                }
            }
            ready.await(); // every thread waits at the gate, so none arrives late because it was still starting
            start.countDown();
            List<Read> done = new ArrayList<>();
            for (Future<Read> read : reads) {
                done.add(read.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the burst", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    /** The reads of a burst, one row per secret and outcome. */
    public static List<Tally> tally(List<Read> reads) {
        Map<String, Tally> rows = new TreeMap<>();
        for (Read r : reads) {
            rows.merge(r.secret() + " " + r.outcome(), new Tally(r.secret(), r.outcome(), r.value(), 1),
                    (a, b) -> new Tally(a.secret(), a.outcome(), a.value(), a.reads() + 1));
        }
        return new ArrayList<>(rows.values());
    }

    /**
     * What {@code main} and the console run: your client from {@code builder}, your cache in front of it with the
     * {@link #TTL}, and two bursts of {@link #READERS} threads per secret.
     */
    public static BurstReport twoBursts(SecretClientBuilder builder, LongSupplier nanoTime) {
        SecretCache cache = new SecretCache(resilientClient(builder), TTL, nanoTime);
        List<Read> reads = new ArrayList<>(burst(cache, SECRET_NAMES, READERS));
        reads.addAll(burst(cache, SECRET_NAMES, READERS));
        return new BurstReport(tally(reads), cache.vaultCalls(), reads.size());
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            SecretClient client = resilientClient(Lab.builder());
            if (System.getenv("KEY_VAULT_URL") == null) {
                // the embedded vault throttles the next reads, as Azure does under load: watch the client ride it out
                Lab.localVault().faults().failNext(4, 429, "SecretGet");
                System.out.println("The local vault answers the next 4 reads with 429 Throttled (Retry-After).");
            }
            Read single = read(client, SECRET_NAMES.get(0));
            System.out.println("One read through your client: " + single.outcome() + " " + single.value());
            System.out.println(READERS + " threads read each secret at once, twice, through a " + TTL.toSeconds()
                    + " s cache");
            BurstReport report = twoBursts(Lab.builder(), System::nanoTime);
            Table.of(Tally.class, report.reads()).print();
            System.out.println(report.vaultCalls() + " vault calls for " + report.totalReads() + " reads");
        });
    }
}
