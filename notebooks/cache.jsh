// Notebook for exercise 4, Cache secrets (docs/cache.md).
// Open it with ./jbang notebook cache: JShell starts with `client` ready, your CachedRetrieval class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the client
SecretClient client = Lab.client();
System.out.println("vault: " + client.getVaultUrl());

// %% What a vault call costs
// Every getSecret is an HTTPS round trip, and Key Vault throttles a vault that gets too many (429).
long start = System.nanoTime();
for (int i = 0; i < 5; i++) {
    client.getSecret("openai-api-key");
}
System.out.println("5 reads took " + (System.nanoTime() - start) / 1_000_000 + " ms");

// %% A clock you control
// SecretCache takes its clock as a LongSupplier of nanoseconds, so a test (or you) can move time by hand.
long[] now = {0};
LongSupplier clock = () -> now[0];

// %% Your cache, step by step
// attempt(...) runs your SecretCache.get; while region CACHE_GET is untouched it prints which region to fill.
var cache = new CachedRetrieval.SecretCache(client, Duration.ofSeconds(30), clock);
var first = attempt(() -> Mask.value(cache.get("openai-api-key")));
now[0] += Duration.ofSeconds(10).toNanos();
var second = attempt(() -> Mask.value(cache.get("openai-api-key")));
System.out.println("after two reads 10 s apart: " + cache.vaultCalls() + " vault call(s)");

// %% Call your function
// Five rounds over two secrets: with a 30 s TTL you should see 2 misses and 8 hits.
var report = attempt(() -> CachedRetrieval.cachedRetrieval(client, List.of("openai-api-key", "cosmosdb-connection-string"), 5, System::nanoTime));
show(report);

// %% Check your work
// The same checks as ./jbang check cache, on your file as saved now.
check();
