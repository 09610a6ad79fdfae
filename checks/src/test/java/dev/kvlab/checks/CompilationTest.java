package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The judge's compiles: a text it has compiled before is not compiled again (a class hands in many alike). */
class CompilationTest {
    private static final String NAME = "dev.kvlab.exercises.Remembered";

    private static String source(String body) {
        return "package dev.kvlab.exercises;\npublic class Remembered {\n    public static int answer() {\n" + body
                + "\n    }\n}\n";
    }

    @Test
    void theSameTextIsCompiledOnce() {
        Compilation first = Compilation.of(NAME, source("return 42;"));
        Compilation again = Compilation.of(NAME, source("return 42;"));
        Compilation other = Compilation.of(NAME, source("return 43;"));

        assertTrue(first.succeeded());
        assertSame(first, again);
        assertNotSame(first, other);
        assertFalse(java.util.Arrays.equals(first.classes().get(NAME), other.classes().get(NAME)));
        assertThrows(UnsupportedOperationException.class, () -> first.classes().clear(), "a shared result is read-only");
    }

    @Test
    void aTextThatFailsFailsAgainWithTheSameErrors() {
        Compilation broken = Compilation.of(NAME, source("return \"forty-two\";"));
        Compilation again = Compilation.of(NAME, source("return \"forty-two\";"));

        assertFalse(broken.succeeded());
        assertEquals(broken.errors(), again.errors());
        assertEquals(4, broken.errors().get(0).line());
    }
}
