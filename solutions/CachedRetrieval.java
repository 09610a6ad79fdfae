///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 4: cache secrets for 30 seconds to save vault calls (instructions: docs/cache.md)

package dev.kvlab.solutions;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Mask;
import dev.kvlab.runtime.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Exercise 4: a time-based cache in front of the vault, so repeated reads do not cost a vault call each. */
public class CachedRetrieval {

    /** How long a cached value is served before the vault is asked again. */
    public static final Duration TTL = Duration.ofSeconds(30);
    /** The two secrets the lab's vault is seeded with. */
    public static final List<String> SECRET_NAMES = List.of("openai-api-key", "cosmosdb-connection-string");

    /** One access to a secret: which round, which secret, {@code cache hit} or {@code cache miss}, the masked value. */
    public record Access(int round, String secret, String result, String value) {
    }

    /** What a run of rounds did: every access, and how many of them went to the vault. */
    public record CacheReport(List<Access> accessLog, int vaultCalls, int totalAccesses, long ttlSeconds) {
    }

    /**
     * Secret values cached in memory for a time-to-live, measured on the monotonic clock {@code nanoTime}
     * (nanoseconds, like {@link System#nanoTime()}; tests hand in a clock they move themselves).
     */
    public static class SecretCache {
        private final SecretClient client;
        private final Duration ttl;
        private final LongSupplier nanoTime;
        private final Map<String, Entry> entries = new HashMap<>();
        private int vaultCalls;

        /** A value and the {@code nanoTime} at which it was fetched from the vault. */
        private record Entry(String value, long fetchedAt) {
        }

        public SecretCache(SecretClient client, Duration ttl, LongSupplier nanoTime) {
            this.client = client;
            this.ttl = ttl;
            this.nanoTime = nanoTime;
        }

        /**
         * Task 1 (docs/cache.md): the value of secret {@code name}: the cached one when it was fetched less than
         * {@code ttl} ago, otherwise the latest from the vault (one vault call, counted in {@code vaultCalls}),
         * which is then cached.
         */
        public String get(String name) {
            // BEGIN CACHE_GET
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < ttl.toNanos()) {
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            vaultCalls++;
            entries.put(name, new Entry(secret.getValue(), now));
            return secret.getValue();
            // END CACHE_GET
        }

        /** How many times {@link #get} went to the vault. */
        public int vaultCalls() {
            return vaultCalls;
        }
    }

    /**
     * Task 2 (docs/cache.md): reads every secret in {@code names} once per round, for {@code rounds} rounds, through
     * one {@link SecretCache} with the {@link #TTL}, and logs each access as a cache hit or miss.
     */
    public static CacheReport cachedRetrieval(SecretClient client, List<String> names, int rounds, LongSupplier nanoTime) {
        // BEGIN CACHED_RETRIEVAL
        SecretCache cache = new SecretCache(client, TTL, nanoTime);
        List<Access> accessLog = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String name : names) {
                int callsBefore = cache.vaultCalls();
                String value = cache.get(name);
                String result = cache.vaultCalls() > callsBefore ? "cache miss" : "cache hit";
                accessLog.add(new Access(round, name, result, Mask.value(value)));
            }
        }
        return new CacheReport(accessLog, cache.vaultCalls(), accessLog.size(), TTL.toSeconds());
        // END CACHED_RETRIEVAL
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            SecretClient client = Lab.client();
            CacheReport report = cachedRetrieval(client, SECRET_NAMES, 5, System::nanoTime);
            System.out.println("Five rounds of reading two secrets from " + client.getVaultUrl() + " through a "
                    + TTL.toSeconds() + " s cache");
            Table.of(Access.class, report.accessLog()).print();
            System.out.println(report.vaultCalls() + " vault calls for " + report.totalAccesses() + " accesses (TTL "
                    + report.ttlSeconds() + " s)");
        });
    }
}
