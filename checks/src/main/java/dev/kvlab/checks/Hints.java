package dev.kvlab.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * When a check's code-level hint may be shown: on request ({@code --hint}), or once the same check has failed in
 * {@value #AFTER} runs in a row, so a learner first thinks about what the failure says. The streak of each check is
 * kept per learner in {@code .lab/hints/<exercise>.properties}; a damaged file only means the streaks start again.
 */
public final class Hints {
    static final int AFTER = 3;

    private final Path file;
    private final Properties streaks = new Properties();
    private final boolean always;

    private Hints(Path file, boolean always) {
        this.file = file;
        this.always = always;
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                streaks.load(in);
            } catch (IOException | IllegalArgumentException e) {
                streaks.clear();
            }
        }
    }

    /** The hints of {@code exercise} in the lab at {@code root}; {@code always}: {@code --hint} was given. */
    public static Hints of(Path root, Exercise exercise, boolean always) {
        return new Hints(root == null ? null : root.resolve(".lab").resolve("hints").resolve(exercise.alias() + ".properties"),
                always);
    }

    /** Records this run's outcome of {@code check}; true when its hint should be shown now. */
    public boolean failed(String check, boolean failed) {
        int streak = failed ? count(check) + 1 : 0;
        streaks.setProperty(check, Integer.toString(streak));
        return failed && (always || streak >= AFTER);
    }

    private int count(String check) {
        try {
            return Math.max(0, Integer.parseInt(streaks.getProperty(check, "0").strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Keeps the streaks for the next run (atomically: a run cut short leaves the old file). */
    public void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                streaks.store(out, "consecutive failed runs per check (hints show after " + AFTER + ")");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // hints are a convenience: a read-only lab just shows them later
        }
    }
}
