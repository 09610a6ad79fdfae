package dev.kvlab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MaskTest {
    static final String API_KEY = "sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq";

    @Test
    void longValueShowsItsFirstTwentyCharacters() {
        assertEquals("sk-proj-kvlab7Qm2Xv9...", Mask.value(API_KEY));
    }

    @Test
    void shortValueShowsAtMostHalfOfItself() {
        assertEquals("ab...", Mask.value("abcd"));
        assertEquals("abc...", Mask.value("abcdefg"));
        assertEquals("0123456789...", Mask.value("0123456789" + "0123456789"));
        assertEquals("...", Mask.value("x"));
        assertEquals("...", Mask.value(""));
    }

    @Test
    void noValueStaysNoValue() {
        assertNull(Mask.value(null));
    }

    @Test
    void maskedValueNeverContainsTheWholeValue() {
        for (int length = 0; length <= 60; length++) {
            String value = "v".repeat(length);
            String masked = Mask.value(value);
            assertFalse(length > 0 && masked.contains(value), "length " + length + " shown whole: " + masked);
        }
    }
}
