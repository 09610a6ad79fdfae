package dev.kvlab.console;

import java.util.List;

/** The result of "Check my work" for one exercise, as the page shows it. */
public record CheckView(String exercise, String summary, boolean passed, String error, List<Line> checks) {

    /** One check: its name, pass/fail, the reason and (after a failure) the hint. */
    public record Line(String name, String status, boolean passed, String message, String hint) {}
}
