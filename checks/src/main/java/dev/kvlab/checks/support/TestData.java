package dev.kvlab.checks.support;

import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random secret names, values, content types and tags, drawn from the run's seed, so hard-coded answers fail. */
public final class TestData {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final List<String> WORDS = List.of("billing", "search", "payments", "maps", "mail", "storage",
            "queue", "ledger", "weather", "catalog", "identity", "reports");
    private static final List<String> CONTENT_TYPES = List.of("application/x-api-key", "text/plain",
            "application/x-connection-string", "application/json", "application/x-password");

    private TestData() {}

    /** A secret name like {@code <base>-maps-3f9a1c}: valid for Key Vault, unlikely to exist. */
    public static String name(Random random, String base) {
        return base + "-" + WORDS.get(random.nextInt(WORDS.size())) + "-" + Integer.toHexString(0x100000 + random.nextInt(0xefffff));
    }

    /** A value of {@code length} letters and digits. */
    public static String value(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** A value long enough that its masked form shows 20 characters (30 to 70 characters). */
    public static String longValue(Random random) {
        return value(random, 30 + random.nextInt(41));
    }

    public static String contentType(Random random) {
        return CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
    }

    /** One to three tags, with random values. */
    public static Map<String, String> tags(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Map.of("environment", "development");
            case 1 -> Map.of("environment", "test", "service", WORDS.get(random.nextInt(WORDS.size())));
            default -> Map.of("owner", WORDS.get(random.nextInt(WORDS.size())), "tier", "t" + random.nextInt(9),
                    "environment", "development");
        };
    }

    /** Tags, or none at all (the SDK then reports {@code getTags() == null}) about one time in three. */
    public static Map<String, String> tagsOrNone(Random random) {
        return random.nextInt(3) == 0 ? null : tags(random);
    }

    /**
     * Lets time pass on the local vault's clock (7 s to 10 min), so that a version created next, or an update
     * made next, carries other dates than what came before: each reported date then has one right source. The
     * real vault's clock cannot be moved (stage 2): there nothing happens.
     */
    public static void elapse(CheckVault vault, Random random) {
        if (vault.isLocal()) {
            vault.localVault().clock().advance(Duration.ofSeconds(7 + random.nextInt(594)));
        }
    }

    /**
     * A secret with history, stored through the check's own client: {@code versions} versions (time passing
     * between them), each with its own value, content type and tags ({@code untagged}: the latest has none); then,
     * when {@code touched}, the latest version's properties are updated later on (an expiry and a not-before
     * date), so its {@code updatedOn} differs from its {@code createdOn}. Returns the latest version as the vault
     * now holds it (value included).
     */
    public static KeyVaultSecret history(CheckVault vault, Random random, String name, int versions, boolean untagged,
            boolean touched) {
        KeyVaultSecret latest = null;
        for (int i = 0; i < versions; i++) {
            if (i > 0) {
                elapse(vault, random);
            }
            Map<String, String> tags = i == versions - 1 && untagged ? null : tags(random);
            latest = vault.put(name, longValue(random), contentType(random), tags);
        }
        if (touched) {
            elapse(vault, random);
            OffsetDateTime created = latest.getProperties().getCreatedOn();
            SecretProperties p = latest.getProperties()
                    .setExpiresOn(created.plusDays(30 + random.nextInt(300)).truncatedTo(ChronoUnit.SECONDS))
                    .setNotBefore(created.minusDays(1 + random.nextInt(30)).truncatedTo(ChronoUnit.SECONDS));
            vault.admin().updateSecretProperties(p);
        }
        return vault.admin().getSecret(name);
    }
}
