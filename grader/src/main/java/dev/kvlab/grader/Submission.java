package dev.kvlab.grader;

import dev.kvlab.checks.Exercise;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one learner handed in, after intake: the exercise files found (unpacked into the run's work folder), or
 * why nothing can be graded.
 *
 * @param learner the entry's name without its extension
 * @param entry the entry in the submissions folder (a folder, a .zip or a git bundle)
 * @param files the exercise files found, by exercise
 * @param refused why the whole submission cannot be graded (empty, unreadable, a hostile zip, another lab
 *     version); null when it can
 * @param notes what was left aside but did not stop the rest (a file for an exercise that does not exist)
 */
public record Submission(String learner, Path entry, Map<Exercise, Path> files, String refused, List<String> notes) {

    static Submission refused(String learner, Path entry, String why) {
        return new Submission(learner, entry, Map.of(), why, List.of());
    }

    boolean isRefused() {
        return refused != null;
    }
}
