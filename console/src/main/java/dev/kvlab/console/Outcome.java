package dev.kvlab.console;

import java.util.List;

/**
 * What one action produced, ready for the page: a flash line and result cards and tables, or an error saying what
 * to do. Every text in it is already masked; the page escapes it.
 */
public record Outcome(String title, Status status, String flash, String error, String hint, List<String> details,
                      List<Card> cards, List<Table> tables) {

    /** ok: the function ran; not-implemented: a region is still the stub; failed: anything else went wrong. */
    public enum Status { OK, NOT_IMPLEMENTED, FAILED }

    public static Outcome ok(String title, String flash, List<Card> cards, List<Table> tables) {
        return new Outcome(title, Status.OK, flash, null, null, List.of(), cards, tables);
    }

    public static Outcome failed(String title, Status status, String error, String hint, List<String> details) {
        return new Outcome(title, status, null, error, hint, details, List.of(), List.of());
    }

    public boolean isOk() { return status == Status.OK; }

    public boolean notImplemented() { return status == Status.NOT_IMPLEMENTED; }

    public String statusClass() { return status.name().toLowerCase().replace('_', '-'); }

    /** A titled set of label/value pairs (one record). */
    public record Card(String title, List<Field> fields) {}

    public record Field(String label, String value) {}

    /** A captioned table (a list of records). */
    public record Table(String caption, List<String> columns, List<Row> rows) {
        /** Above this many columns a table would not fit beside the instructions at 1280 px: its rows become cards. */
        static final int MAX_TABLE_COLUMNS = 4;

        /** Whether the page shows the rows as cards (one per record) rather than as table rows. */
        public boolean wide() {
            return columns.size() > MAX_TABLE_COLUMNS;
        }

        /** Each row as a card: the first cell (the record's name) as its title, the other cells under their labels. */
        public List<Card> records() {
            return rows.stream().map(row -> {
                List<Field> fields = new java.util.ArrayList<>();
                for (int i = 1; i < row.cells().size() && i < columns.size(); i++) {
                    fields.add(new Field(columns.get(i), row.cells().get(i)));
                }
                return new Card(row.cells().isEmpty() ? "" : row.cells().get(0), fields);
            }).toList();
        }
    }

    public record Row(List<String> cells) {}

    public boolean hasDetails() { return !details.isEmpty(); }
}
