package dev.kvlab.vault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a fresh vault contains. {@link #LAB} holds the same two secrets, values, content types, tags and expiry
 * (180 days after seeding) that {@code setup/azdeploy.sh} stores in a real vault, so exercises print the same
 * masked values on both. The values are fake.
 */
public final class Seed {

    /** One seeded secret. */
    public record SeedSecret(String name, String value, String contentType, Map<String, String> tags,
                             Duration expiresAfter) {
    }

    public static final Seed LAB = new Seed(List.of(
            new SeedSecret("openai-api-key",
                    "sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq",
                    "application/x-api-key",
                    Map.of("environment", "development", "service", "openai"),
                    Duration.ofDays(180)),
            new SeedSecret("cosmosdb-connection-string",
                    "AccountEndpoint=https://kvlab-cosmos.documents.azure.com:443/;AccountKey="
                            + "c2VjcmV0LWxhYi1mYWtlLWtleS1kby1ub3QtdXNlLWluLXByb2R1Y3Rpb24tZXZlcg==;",
                    "application/x-connection-string",
                    Map.of("environment", "development", "service", "cosmosdb"),
                    Duration.ofDays(180))));

    /** An empty vault. */
    public static final Seed NONE = new Seed(List.of());

    private final List<SeedSecret> secrets;

    public Seed(List<SeedSecret> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    public List<SeedSecret> secrets() {
        return secrets;
    }
}
