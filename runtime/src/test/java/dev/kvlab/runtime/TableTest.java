package dev.kvlab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {
    record Summary(String name, Boolean enabled, OffsetDateTime createdOn, Map<String, String> tags) {
    }

    @Test
    void columnsAreAlignedUnderTheirHeaders() {
        String text = new Table("secret", "result").row("openai-api-key", "cache miss").row("db", "cache hit").render();
        assertEquals("""
                secret          result
                --------------  ----------
                openai-api-key  cache miss
                db              cache hit
                """, text);
    }

    @Test
    void recordsBecomeRowsWithTheirComponentNamesInWords() {
        OffsetDateTime created = OffsetDateTime.of(2026, 12, 1, 23, 50, 7, 123, ZoneOffset.ofHours(2));
        String text = Table.of(List.of(new Summary("a", true, created, Map.of("service", "openai", "environment", "development")),
                new Summary("b", null, null, Map.of()))).render();
        assertEquals("""
                name  enabled  created on            tags
                ----  -------  --------------------  ---------------------------------------
                a     true     2026-12-01 21:50:07Z  environment=development, service=openai
                b     -        -                     -
                """, text);
    }

    @Test
    void anEmptyListStillHasItsHeaders() {
        assertEquals("name  enabled  created on  tags\n----  -------  ----------  ----\n",
                Table.of(Summary.class, List.of()).render());
    }

    @Test
    void oneRecordReadsAsFieldsAndValues() {
        String text = Table.fields(new Summary("a", false, null, null)).render();
        assertEquals("""
                field       value
                ----------  -----
                name        a
                enabled     false
                created on  -
                tags        -
                """, text);
    }

    @Test
    void aCellStaysOnOneLine() {
        assertEquals("two\\nlines", Table.cell("two\nlines"));
    }

    @Test
    void aRowMustFitTheColumns() {
        assertThrows(IllegalArgumentException.class, () -> new Table("a", "b").row("only one"));
    }
}
