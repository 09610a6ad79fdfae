package dev.kvlab.checks.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.vault.Seed;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final String COSMOS = Seed.LAB.secrets().get(1).value();

    @Test
    void aUrlTheSeedsConnectionStringStartsLikeIsNotASecret() {
        Redaction.remember(COSMOS);
        String reference = "@Microsoft.KeyVault(SecretUri=https://kvlab.localhost:41235/secrets/a/0123456789abcdef)";
        assertEquals(reference, Redaction.apply(reference));
        assertNull(Redaction.leakIn(reference));
    }

    @Test
    void theHiddenPartIsStillCaughtWholeInPiecesOrAsATail() {
        String value = "sk-test-redaction-0123456789-abcdefghijklmnop";
        Redaction.remember(value);
        assertEquals(value, Redaction.leakIn("x " + value + " y"));
        assertEquals(value, Redaction.leakIn(value.substring(value.length() - 12)));
        assertFalse(Redaction.apply("tail " + value.substring(30)).contains(value.substring(30)));
        assertNull(Redaction.leakIn(value.substring(0, 20) + "..."), "the mask itself is no leak");
    }

    @Test
    void aShortValueIsCaughtByItsHiddenHalf() {
        String value = "short-value-0123456"; // 19 characters: 9 shown, 10 hidden
        Redaction.remember(value);
        assertEquals(value, Redaction.leakIn("printed: " + value.substring(9)));
        assertTrue(Redaction.apply(value).startsWith(value.substring(0, 9)));
    }
}
