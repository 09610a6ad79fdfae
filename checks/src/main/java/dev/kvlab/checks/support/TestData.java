package dev.kvlab.checks.support;

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
}
