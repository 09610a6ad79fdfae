package dev.kvlab.console;

import dev.kvlab.runtime.Mask;
import dev.kvlab.runtime.Table;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Turns whatever the learner's function returned into the page's cards and tables: a list of records becomes a
 * table, a record becomes a card (its list components become tables of their own). Any component whose name says
 * it holds a value is masked unless it already is, so a function that forgot to mask still shows no secret.
 */
public final class ResultView {
    private ResultView() {
    }

    public record Parts(List<Outcome.Card> cards, List<Outcome.Table> tables) {}

    public static Parts of(String caption, Object result) {
        List<Outcome.Card> cards = new ArrayList<>();
        List<Outcome.Table> tables = new ArrayList<>();
        add(caption, result, cards, tables);
        return new Parts(cards, tables);
    }

    private static void add(String caption, Object result, List<Outcome.Card> cards, List<Outcome.Table> tables) {
        if (result instanceof Collection<?> items) {
            tables.add(table(caption, items));
        } else if (result instanceof Record record) {
            List<Outcome.Field> fields = new ArrayList<>();
            List<Object[]> lists = new ArrayList<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object value = read(record, component);
                if (value instanceof Collection<?>) {
                    lists.add(new Object[] {component.getName(), value});
                } else {
                    fields.add(new Outcome.Field(label(component.getName()), text(component.getName(), value)));
                }
            }
            cards.add(new Outcome.Card(caption, fields));
            for (Object[] list : lists) {
                add(label((String) list[0]), list[1], cards, tables);
            }
        } else {
            cards.add(new Outcome.Card(caption, List.of(new Outcome.Field("Result", text("", result)))));
        }
    }

    private static Outcome.Table table(String caption, Collection<?> items) {
        List<String> columns = new ArrayList<>();
        List<Outcome.Row> rows = new ArrayList<>();
        for (Object item : items) {
            List<String> cells = new ArrayList<>();
            if (item instanceof Record record) {
                RecordComponent[] components = record.getClass().getRecordComponents();
                if (columns.isEmpty()) {
                    for (RecordComponent c : components) {
                        columns.add(label(c.getName()));
                    }
                }
                for (RecordComponent c : components) {
                    cells.add(text(c.getName(), read(record, c)));
                }
            } else {
                if (columns.isEmpty()) {
                    columns.add("Item");
                }
                cells.add(text("", item));
            }
            rows.add(new Outcome.Row(cells));
        }
        return new Outcome.Table(caption + " (" + rows.size() + ")", columns, rows);
    }

    /**
     * How a component's value reads on the page; values are masked unless already masked, or a Key Vault reference
     * (exercise 10: an unresolved app setting shows its reference string, which names a secret but holds none).
     */
    static String text(String name, Object value) {
        if (value instanceof String s && holdsSecret(name) && !s.endsWith("...") && !s.startsWith("@Microsoft.KeyVault(")) {
            return Mask.value(s);
        }
        return Table.cell(value);
    }

    private static boolean holdsSecret(String name) {
        return name.toLowerCase(Locale.ROOT).contains("value");
    }

    static Object read(Record record, String name) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                return read(record, c);
            }
        }
        return null;
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            var accessor = component.getAccessor();
            accessor.trySetAccessible(); // records nested in the learner's class need not be public
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    /** {@code createdOn} → {@code Created on}. */
    static String label(String camelCase) {
        String words = camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
