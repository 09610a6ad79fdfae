package dev.kvlab.vault.bench;

import dev.kvlab.vault.Caller;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.Seed;
import dev.kvlab.vault.VaultRequest;
import dev.kvlab.vault.VaultResponse;
import dev.kvlab.vault.VaultService;
import java.nio.charset.StandardCharsets;

/** Heap held by a vault with 10,000 secrets x 5 versions (values of 64 characters), after a full GC. */
public final class HeapBench {
    public static void main(String[] args) throws Exception {
        int secrets = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int versions = 5;
        long before = usedAfterGc();
        VaultService service = VaultService.builder().seed(Seed.NONE).throttleLimits(100_000_000, 100_000_000).build();
        Caller caller = new Caller.Authenticated(LocalAuthority.LAB_USER);
        long t0 = System.nanoTime();
        for (int v = 0; v < versions; v++) {
            for (int s = 0; s < secrets; s++) {
                String body = "{\"value\":\"" + "v".repeat(56) + String.format("%08d", s * versions + v)
                        + "\",\"contentType\":\"text/plain\",\"tags\":{\"environment\":\"bench\"}}";
                VaultResponse response = service.handle(new VaultRequest("PUT", "kvlab", "https://kvlab.localhost:1",
                        "/secrets/secret-" + s, "api-version=2025-07-01", body.getBytes(StandardCharsets.UTF_8), caller));
                if (response.status() != 200) {
                    throw new IllegalStateException("set failed: " + response.status());
                }
            }
        }
        long loaded = System.nanoTime() - t0;
        service.auditLog().clear(); // the audit log is bounded separately; measure the secrets
        long after = usedAfterGc();
        System.out.printf("heap: %,d secrets x %d versions = %,d versions: %.1f MB above an empty JVM"
                        + " (%.0f bytes per version); loading through handle() took %.1f s%n",
                secrets, versions, secrets * versions, (after - before) / 1e6,
                (after - before) / (double) (secrets * versions), loaded / 1e9);
        service.close();
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
