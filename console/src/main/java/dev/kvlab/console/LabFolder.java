package dev.kvlab.console;

import java.nio.file.Files;
import java.nio.file.Path;
import dev.kvlab.runtime.LabException;
import java.util.Optional;

/** The lab's checkout: where the learner's exercise files (or the reference solutions) live. */
public record LabFolder(Path root, Path sources) {

    /** The folder holding jbang-catalog.json and exercises/, searched from {@code start} upwards. */
    public static Optional<Path> findRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jbang-catalog.json")) && Files.isDirectory(dir.resolve("exercises"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The lab folder at or above the current directory, reading from {@code sourcesDir} (exercises or solutions). */
    public static LabFolder locate(String sourcesDir) {
        Path root = findRoot(Path.of("")).orElseThrow(() -> new LabException(
                "this is not the lab's folder (no jbang-catalog.json and exercises/ here or above). "
                        + "cd into the lab and run ./jbang again."));
        Path sources = root.resolve(sourcesDir).normalize();
        if (!Files.isDirectory(sources)) {
            throw new LabException("no folder " + sourcesDir + " in " + root + ". Use --sources exercises or --sources solutions.");
        }
        return new LabFolder(root, sources);
    }

    public Path file(Exercise exercise) {
        return sources.resolve(exercise.fileName());
    }

    /** The file's path as the learner sees it, relative to the lab folder. */
    public String shown(Exercise exercise) {
        return root.relativize(file(exercise)).toString();
    }
}
