package dev.kvlab.checks;

import java.util.List;

/**
 * Everything one check run of one exercise produced: the file graded, the seed of its random data, one result
 * per check, and — when the file could not be graded at all (broken markers, edits outside the regions, compile
 * errors) — the problem instead of results.
 *
 * @param stage2 what happened to stage 2 (real vault): null when it ran, else the one line saying why not
 */
public record Report(String exercise, String file, long seed, List<CheckResult> results, String problem,
        String stage2) {

    /** Everything ran and passed. */
    public boolean passed() {
        return problem == null && !results.isEmpty() && results.stream().allMatch(CheckResult::passed);
    }

    public int score() {
        return (int) results.stream().filter(CheckResult::passed).count();
    }

    public int maxScore() {
        return results.size();
    }

    /** {@code pass}, {@code fail}, or {@code error} when no check could run (Exercism's test-runner statuses). */
    public String status() {
        if (problem != null || results.isEmpty() || results.stream().allMatch(r -> r.status() == CheckResult.Status.NOT_RUN)) {
            return "error";
        }
        return passed() ? "pass" : "fail";
    }
}
