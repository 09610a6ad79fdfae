package dev.kvlab.grader;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stable slice of a class, {@code --shard I/N}: a learner belongs to slice {@code hash(name) mod N}, so adding or
 * removing learners never moves the others to another shard, and every CI job of a matrix agrees without talking.
 */
final class Shard {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*");

    private Shard() {}

    /** {@code [I, N]}, or null when {@code text} is not {@code I/N} with 1 <= I <= N. */
    static int[] parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        return i >= 1 && n >= 1 && i <= n ? new int[] {i, n} : null;
    }

    /** Whether {@code learner} is in slice {@code slice} (null: no sharding, everyone is). */
    static boolean holds(String learner, int[] slice) {
        if (slice == null) {
            return true;
        }
        long value = Long.parseLong(Course.sha256(learner.getBytes(StandardCharsets.UTF_8)).substring(0, 8), 16);
        return value % slice[1] == slice[0] - 1;
    }
}
