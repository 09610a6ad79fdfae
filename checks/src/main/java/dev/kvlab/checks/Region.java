package dev.kvlab.checks;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One learner region of an exercise file: the lines between the whole-line markers {@code // BEGIN NAME} and
 * {@code // END NAME}. Line numbers are 1-based and name the marker lines themselves.
 */
public record Region(String name, int beginLine, int endLine, List<String> body) {
    private static final Pattern MARKER = Pattern.compile("//\\s?(BEGIN|END) ([A-Z][A-Z0-9_]*)");

    /** Whether {@code line} (1-based) is one of this region's body lines. */
    public boolean contains(int line) {
        return line > beginLine && line < endLine;
    }

    /** The marker on a line, or null: {@code [BEGIN|END, NAME]}. Only whole lines count, so code never matches. */
    static String[] marker(String line) {
        Matcher m = MARKER.matcher(line.strip());
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }
}
