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
    public record Table(String caption, List<String> columns, List<Row> rows) {}

    public record Row(List<String> cells) {}

    public boolean hasDetails() { return !details.isEmpty(); }
}
