package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers on one secret: every write becomes its own version and none is lost. */
class ConcurrentWritesTest {

    @TempDir
    Path dir;

    @Test
    void eightThreadsTimesFiveHundredSetsGiveFourThousandListedVersions() throws Exception {
        VaultService service = VaultService.builder().seed(Seed.NONE)
                .throttleLimits(1_000_000, 1_000_000).build();
        assertAllWritesKept(service, 8, 500);
    }

    @Test
    void noWriteIsLostWithPersistenceEitherAndTheyAllSurviveARestart() throws Exception {
        VaultService service = VaultService.builder().seed(Seed.NONE).dataDir(dir)
                .throttleLimits(1_000_000, 1_000_000).build();
        Set<String> written = assertAllWritesKept(service, 8, 100);
        service.close();
        try (VaultService again = VaultService.builder().dataDir(dir).build()) {
            assertEquals(written, listVersions(new ServiceCalls(again)));
        }
    }

    @Test
    void concurrentSdkClientsOverHttpsKeepEveryVersion() throws Exception {
        // 240 creates stay under Azure's 300 per 10 s, which the local vault enforces too
        try (LocalVault vault = LocalVault.builder().seed(Seed.NONE).clock(VaultClock.fixed(Instant.now())).start()) {
            HttpClient http = LoopbackClients.httpClient(vault.caCertificatePem());
            SecretClient client = new SecretClientBuilder().vaultUrl(vault.url().toString())
                    .credential(LoopbackClients.credential(vault, "lab-user")).httpClient(http).buildClient();
            client.setSecret("shared", "warm-up"); // one challenge handshake before the crowd arrives
            Set<String> versions = ConcurrentHashMap.newKeySet();
            versions.add(client.getSecret("shared").getProperties().getVersion());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        versions.add(client.setSecret("shared", thread + "-" + i).getProperties().getVersion());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            Set<String> listed = ConcurrentHashMap.newKeySet();
            client.listPropertiesOfSecretVersions("shared").forEach(p -> listed.add(p.getVersion()));
            assertEquals(241, versions.size());
            assertEquals(versions, listed);
        }
    }

    private static Set<String> assertAllWritesKept(VaultService service, int threads, int perThread)
            throws Exception {
        ServiceCalls calls = new ServiceCalls(service);
        Set<String> versions = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Callable<Void>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    versions.add(calls.set("shared", thread + "-" + i));
                }
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(writers)) {
            f.get();
        }
        pool.shutdown();
        assertEquals(threads * perThread, versions.size(), "distinct versions");
        Set<String> listed = listVersions(calls);
        assertEquals(versions, listed);
        // and every value is still readable by its version
        JsonNode any = calls.get("/secrets/shared/" + versions.iterator().next()).json();
        assertTrue(any.get("value").asText().matches("\\d-\\d+"));
        return versions;
    }

    private static Set<String> listVersions(ServiceCalls calls) {
        Set<String> listed = ConcurrentHashMap.newKeySet();
        String next = "/secrets/shared/versions";
        while (next != null) {
            JsonNode page = calls.get(next).json();
            page.get("value").forEach(v -> {
                String id = v.get("id").asText();
                listed.add(id.substring(id.lastIndexOf('/') + 1));
            });
            next = page.get("nextLink").isNull() ? null : page.get("nextLink").asText();
        }
        return listed;
    }
}
