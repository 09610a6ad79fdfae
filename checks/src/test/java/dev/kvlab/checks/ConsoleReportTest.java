package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {
    @Test
    void aFileThatDoesNotCompileIsOneFailureWithItsDetailsUnderIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ConsoleReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), true).footer(new Report("audit",
                "exercises/AccessAlert.java", 7, List.of(), "does not compile: exercises/AccessAlert.java:92 (region "
                + "READ_EXPORT): cannot find symbol\n  symbol:   variable line\nexercises/AccessAlert.java:97 (region "
                + "READ_EXPORT): ';' expected", null), null);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.stream().filter(l -> l.contains("✗")).count(), String.join("\n", lines));
        assertEquals("  ✗ does not compile: exercises/AccessAlert.java:92 (region READ_EXPORT): cannot find symbol",
                lines.get(0));
        assertEquals("    exercises/AccessAlert.java:97 (region READ_EXPORT): ';' expected", lines.get(2));
        assertEquals("audit: not checked (fix the file first)", lines.get(3));
    }
}
