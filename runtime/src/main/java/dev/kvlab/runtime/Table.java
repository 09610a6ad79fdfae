package dev.kvlab.runtime;

import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A plain-text table with aligned columns, for what the exercises' {@code main} methods print.
 *
 * <pre>{@code
 * Table.of(reports).print();                       // one row per record, one column per component
 * new Table("secret", "result").row("a", "hit").print();
 * }</pre>
 *
 * Cells are rendered the same way everywhere: {@code null} as {@code -}, dates in UTC to the second, maps as
 * {@code key=value} pairs sorted by key. Values are shown as given: mask secrets before they get here.
 */
public final class Table {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column headers and no rows yet. */
    public Table(String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.headers = List.of(headers);
    }

    /**
     * One row per record, one column per record component, headed by the component's name in words
     * ({@code createdOn} becomes {@code created on}).
     */
    public static Table of(Class<? extends Record> type, Collection<? extends Record> records) {
        RecordComponent[] components = type.getRecordComponents();
        Table table = new Table(Arrays.stream(components).map(c -> words(c.getName())).toArray(String[]::new));
        for (Record record : records) {
            Object[] cells = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                cells[i] = component(record, components[i]);
            }
            table.row(cells);
        }
        return table;
    }

    /** Like {@link #of(Class, Collection)}, taking the record type from the first element (must not be empty). */
    public static Table of(List<? extends Record> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no records: use Table.of(Type.class, records) for a list that may be empty");
        }
        return of(records.get(0).getClass(), records);
    }

    /** A two-column table, {@code field} and {@code value}, with one row per component of {@code record}. */
    public static Table fields(Record record) {
        Table table = new Table("field", "value");
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            table.row(words(c.getName()), component(record, c));
        }
        return table;
    }

    /** Adds a row; it must have one cell per column. */
    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(Table::cell).collect(Collectors.toList()));
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The table as text: a header line, a rule, then the rows; every line ends with a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    public void print(PrintStream out) {
        out.print(render());
        out.flush();
    }

    /** Prints to standard output. */
    public void print() {
        print(System.out);
    }

    @Override
    public String toString() {
        return render();
    }

    /** How one value reads in a cell. */
    public static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof OffsetDateTime time) {
            return DATE.format(time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        }
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "-";
            }
            return new TreeMap<>(map.entrySet().stream()
                    .collect(Collectors.toMap(e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue()))))
                    .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        }
        // one line per cell, whatever the value holds
        return String.valueOf(value).replace("\r", "\\r").replace("\n", "\\n");
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length()));
            }
        }
        out.append(line).append('\n');
    }

    private static Object component(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.trySetAccessible(); // records nested in a learner's class need not be public
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    /** {@code createdOn} → {@code created on}. */
    static String words(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
