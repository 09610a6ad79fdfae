package dev.kvlab.checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An exercise file split into the course's frame (every line outside the regions) and the learner's regions.
 * Grading never trusts the learner's frame: {@link #splicedInto} rebuilds the file from the pristine exercise
 * and the learner's region bodies only, after {@link #requireSameFrame} proved nothing else was edited.
 */
public final class Submission {
    private final String displayPath;
    private final List<String> lines;
    private final List<Region> regions;

    private Submission(String displayPath, List<String> lines, List<Region> regions) {
        this.displayPath = displayPath;
        this.lines = lines;
        this.regions = regions;
    }

    /** Splits {@code text} into lines and regions; broken markers are rejected with the line to fix. */
    public static Submission parse(String displayPath, String text) throws SubmissionRejected {
        List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        List<Region> regions = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String open = null;
        int openLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            String[] marker = Region.marker(lines.get(i));
            if (marker == null) {
                continue;
            }
            String kind = marker[0];
            String name = marker[1];
            String where = displayPath + ":" + line;
            if (kind.equals("BEGIN")) {
                if (open != null) {
                    throw new SubmissionRejected(where + ": `// BEGIN " + name + "` inside region " + open
                            + " (opened on line " + openLine + "): put back the line `// END " + open + "` first.");
                }
                if (seen.containsKey(name)) {
                    throw new SubmissionRejected(where + ": region " + name + " appears twice (first on line "
                            + seen.get(name) + "): keep one `// BEGIN " + name + "` / `// END " + name + "` pair.");
                }
                open = name;
                openLine = line;
                seen.put(name, line);
            } else if (open == null) {
                throw new SubmissionRejected(where + ": `// END " + name + "` has no `// BEGIN " + name
                        + "` above it: restore the BEGIN line or remove this one.");
            } else if (!open.equals(name)) {
                throw new SubmissionRejected(where + ": `// END " + name + "` closes region " + open
                        + " (opened on line " + openLine + "): it should read `// END " + open + "`.");
            } else {
                regions.add(new Region(name, openLine, line, List.copyOf(lines.subList(openLine, i))));
                open = null;
            }
        }
        if (open != null) {
            throw new SubmissionRejected(displayPath + ":" + openLine + ": region " + open + " has no `// END "
                    + open + "` line: put it back after your code.");
        }
        return new Submission(displayPath, lines, List.copyOf(regions));
    }

    public String displayPath() {
        return displayPath;
    }

    public List<Region> regions() {
        return regions;
    }

    public List<String> lines() {
        return lines;
    }

    /** The region whose body holds {@code line}, or null. */
    public Region regionAt(int line) {
        return regions.stream().filter(r -> r.contains(line)).findFirst().orElse(null);
    }

    /** The nearest region that ends before {@code line}, or null: where a brace left open usually comes from. */
    public Region regionBefore(int line) {
        Region before = null;
        for (Region r : regions) {
            if (r.endLine() <= line) {
                before = r;
            }
        }
        return before;
    }

    /**
     * Requires every line outside the regions (and the regions' names and order) to be the pristine exercise's.
     * Trailing white space and line endings do not count: editors change them without asking.
     */
    public void requireSameFrame(Submission pristine) throws SubmissionRejected {
        List<String> mine = regions.stream().map(Region::name).toList();
        List<String> theirs = pristine.regions.stream().map(Region::name).toList();
        for (String name : theirs) {
            if (!mine.contains(name)) {
                throw new SubmissionRejected(displayPath + ": region " + name + " is missing: restore its `// BEGIN "
                        + name + "` and `// END " + name + "` lines (see " + pristine.displayPath + ").");
            }
        }
        for (String name : mine) {
            if (!theirs.contains(name)) {
                throw new SubmissionRejected(displayPath + ": region " + name + " is not part of this exercise: "
                        + "write your code inside the regions " + String.join(", ", theirs) + ".");
            }
        }
        if (!mine.equals(theirs)) {
            throw new SubmissionRejected(displayPath + ": the regions are out of order (" + String.join(", ", mine)
                    + "); the exercise has them as " + String.join(", ", theirs) + ".");
        }
        List<String[]> myFrame = frame();
        List<String[]> pristineFrame = pristine.frame();
        int n = Math.min(myFrame.size(), pristineFrame.size());
        for (int i = 0; i < n; i++) {
            if (!myFrame.get(i)[1].equals(pristineFrame.get(i)[1])) {
                throw edited(myFrame.get(i)[0], "`" + pristineFrame.get(i)[1].strip() + "`", pristine);
            }
        }
        if (myFrame.size() > n) {
            throw edited(myFrame.get(n)[0], "nothing (the line was added)", pristine);
        }
        if (pristineFrame.size() > n) {
            String at = myFrame.isEmpty() ? "1" : String.valueOf(Integer.parseInt(myFrame.get(n - 1)[0]) + 1);
            throw edited(at, "`" + pristineFrame.get(n)[1].strip() + "` (the line was removed)", pristine);
        }
    }

    private SubmissionRejected edited(String line, String expected, Submission pristine) {
        return new SubmissionRejected(displayPath + ":" + line + ": edited outside the regions (the exercise has "
                + expected + " here). Only code between `// BEGIN` and `// END` is yours: undo that change "
                + "(compare with " + pristine.displayPath + ").");
    }

    /** Lines outside region bodies, as [line number, text without trailing space]; marker lines included. */
    private List<String[]> frame() {
        List<String[]> frame = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            if (regionAt(line) == null) {
                frame.add(new String[] {String.valueOf(line), lines.get(i).stripTrailing()});
            }
        }
        return frame;
    }

    /**
     * The file to compile: this (pristine) frame with the learner's region bodies. The frames are equal line for
     * line, so line N of the result is line N of the learner's file.
     */
    public String splicedInto(Submission pristine) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        List<String> pl = pristine.lines;
        while (i < pl.size()) {
            int line = i + 1;
            Region theirs = pristine.regions.stream().filter(r -> r.beginLine() == line).findFirst().orElse(null);
            out.append(pl.get(i)).append('\n');
            if (theirs == null) {
                i++;
                continue;
            }
            Region mine = regions.stream().filter(r -> r.name().equals(theirs.name())).findFirst().orElseThrow();
            for (String body : mine.body()) {
                out.append(body).append('\n');
            }
            i = theirs.endLine() - 1; // continue at the END marker
        }
        return out.toString();
    }
}
