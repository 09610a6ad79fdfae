package dev.kvlab.checks;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the lab checkout is: the {@code kvlab.root} system property, else the nearest folder upwards with the catalog. */
public final class LabRoot {
    private LabRoot() {}

    /** The lab checkout, or an {@link IllegalStateException} saying where to run from. */
    public static Path find() {
        String explicit = System.getProperty("kvlab.root");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("jbang-catalog.json")) && Files.isDirectory(p.resolve("exercises"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the lab: run ./jbang check from the lab's folder (the one with "
                + "jbang-catalog.json and exercises/)");
    }

    /** {@code path} as the learner knows it: relative to the current folder when inside it. */
    public static String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
