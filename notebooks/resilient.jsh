// Notebook for exercise 9, Resilient: surviving throttling (docs/resilient.md).
// Open it with ./jbang notebook resilient: JShell starts with `client` ready, your ResilientClient class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the client
SecretClient client = Lab.client();
System.out.println("vault: " + client.getVaultUrl());

// %% What the SDK does by default
// Unless KEY_VAULT_URL is set, the local vault throttles the next 4 reads (429, Retry-After). The SDK's default
// client retries 3 times, one fewer than needed.
if (System.getenv("KEY_VAULT_URL") == null) {
    Lab.localVault().faults().failNext(4, 429, "SecretGet");
}
show(ResilientClient.read(Lab.client(), "openai-api-key"));

// %% Your client
// attempt(...) runs resilientClient; while region RESILIENT_CLIENT is untouched it prints which region to fill.
if (System.getenv("KEY_VAULT_URL") == null) {
    Lab.localVault().faults().failNext(4, 429, "SecretGet");
}
var resilient = attempt(() -> ResilientClient.resilientClient(Lab.builder()));
if (resilient != null) {
    long start = System.nanoTime();
    show(ResilientClient.read(resilient, "openai-api-key"));
    System.out.println("took " + (System.nanoTime() - start) / 1_000_000 + " ms: four waits for the vault's Retry-After");
}

// %% Your cache, many threads at once
// 8 threads ask for each sample secret at the same moment, through one cache on the plain client.
var cache = new ResilientClient.SecretCache(client, ResilientClient.TTL, System::nanoTime);
var reads = attempt(() -> ResilientClient.burst(cache, ResilientClient.SECRET_NAMES, ResilientClient.READERS));
if (reads != null) {
    show(ResilientClient.tally(reads));
    System.out.println(cache.vaultCalls() + " vault call(s) for " + reads.size() + " reads");
}

// %% Both together
// What ./jbang resilient runs: your client and your cache, two bursts.
show(attempt(() -> ResilientClient.twoBursts(Lab.builder(), System::nanoTime)));

// %% Check your work
// The same checks as ./jbang check resilient, on your file as saved now.
check();
