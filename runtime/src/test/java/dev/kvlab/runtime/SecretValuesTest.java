package dev.kvlab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.kvlab.vault.LocalVault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretValuesTest {
    @Test
    void aValueReadThroughTheLabsClientIsMaskedWhereverItIsPrinted() {
        String value = "kvlab-redaction-" + System.nanoTime() + "-tail-that-must-not-show";
        try (LocalVault vault = LocalVault.start()) {
            SecretClient client = Lab.client(vault);
            client.setSecret("redacted", value);
            String read = client.getSecret("redacted").getValue();
            assertEquals(value, read, "the program itself still gets the whole value");

            ByteArrayOutputStream terminal = new ByteArrayOutputStream();
            SecretValues.Lines lines = SecretValues.redacting(new PrintStream(terminal, true, StandardCharsets.UTF_8));
            PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);
            out.print("the key is ");
            out.print(read.substring(0, 10));
            out.println(read.substring(10)); // in two pieces on one line
            out.printf("again: %s%n", read);
            out.print("and a last line without its end: " + read);
            out.flush();
            lines.drain();
            String shown = terminal.toString(StandardCharsets.UTF_8);
            assertFalse(shown.contains(value), shown);
            assertTrue(shown.contains(Mask.value(value)), shown);
        }
    }

    @Test
    void shortOrUnknownTextPassesUnchanged() {
        SecretValues.remember("abc");
        assertEquals("abc and ordinary words", SecretValues.redact("abc and ordinary words"));
    }
}
