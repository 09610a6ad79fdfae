package dev.kvlab.appconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kvlab.vault.VaultClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The store itself, without HTTP: optimistic concurrency with ETags, literal reserved characters, forged tokens. */
class ConfigStoreTest {
    final ConfigStore store = new ConfigStore(VaultClock.fixed(Instant.parse("2026-12-01T00:00:00Z")));

    @Test
    void concurrentIfMatchWritesNeverLoseAnUpdate() throws Exception {
        store.set("counter", null, "0", null, Map.of(), Conditions.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                int written = 0;
                for (int attempt = 0; written < 50 && attempt < 100_000; attempt++) {
                    Setting current = store.get("counter", null);
                    String next = String.valueOf(Integer.parseInt(current.value()) + 1);
                    try {
                        store.set("counter", null, next, null, Map.of(), new Conditions("\"" + current.etag() + "\"", null));
                        written++;
                    } catch (Problem e) {
                        assertEquals(412, e.status); // someone else wrote first: read again
                    }
                }
                return written;
            }));
        }
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get();
        }
        pool.shutdown();
        assertEquals(400, total);
        assertEquals("400", store.get("counter", null).value());
        assertEquals(401, allRevisions("counter").size());
        assertEquals("400", allRevisions("counter").get(0).value());
    }

    private List<Setting> allRevisions(String key) {
        List<Setting> all = new ArrayList<>();
        String after = null;
        do {
            ConfigStore.Page<Setting> page = store.revisions(Filter.parse("key", key), Filter.parse("label", null), after);
            all.addAll(page.items());
            after = page.after();
        } while (after != null);
        return all;
    }

    @Test
    void keysAndLabelsWithReservedCharactersAreMatchedLiterally() {
        store.set("a,b", "x*y", "1", null, Map.of(), Conditions.NONE);
        store.set("a", "x", "2", null, Map.of(), Conditions.NONE);
        assertEquals(List.of("1"), store.list(Filter.parse("key", "a\\,b"), Filter.parse("label", "x\\*y"), Map.of(), null)
                .items().stream().map(Setting::value).toList());
        assertEquals(2, store.list(Filter.parse("key", "a*"), Filter.parse("label", "x*"), Map.of(), null).items().size());
        assertThrows(Problem.class, () -> Filter.parse("label", "x**"));
        assertThrows(Problem.class, () -> Filter.parse("key", "*,a"));
    }

    @Test
    void aForgedContinuationTokenIsRefusedNotFollowed() {
        assertThrows(Problem.class, () -> store.list(Filter.parse("key", null), Filter.parse("label", null), Map.of(),
                "bm90LWEtdG9rZW4"));
        assertThrows(Problem.class, () -> store.labels(Filter.parse("name", null), "not base64!"));
        assertEquals(List.of(), store.labels(Filter.parse("name", null), "Izk5").items()); // "#99": past the end
    }

    @Test
    void tagFiltersMatchExactlyAndNullMatchesANullTag() {
        Map<String, String> nullTag = new HashMap<>();
        nullTag.put("owner", null);
        store.set("t1", null, "1", null, Map.of("env", "prod"), Conditions.NONE);
        store.set("t2", null, "2", null, nullTag, Conditions.NONE);
        assertEquals(List.of("t1"), store.list(Filter.parse("key", null), Filter.parse("label", null),
                Map.of("env", "prod"), null).items().stream().map(Setting::key).toList());
        assertEquals(List.of("t2"), store.list(Filter.parse("key", null), Filter.parse("label", null),
                nullTag, null).items().stream().map(Setting::key).toList());
        assertNull(store.get("t3", null));
    }
}
