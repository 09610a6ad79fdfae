package dev.kvlab.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The exercises as the course's authors committed them, carried inside the checks artifact: the source every
 * learner's regions are spliced into, and its compiled stub, whose records and signatures the checks use. They are
 * built from {@code checks/src/main/frames/} (a test keeps that equal to {@code exercises/}), never from a learner's
 * working copy, so an edit outside the regions cannot change what is checked.
 */
final class Frames {
    private static final String SOURCES = "/dev/kvlab/checks/frames/";
    private static final String CLASSES = "META-INF/kvlab-frames/";

    private Frames() {}

    /** The pristine source of {@code exercise}. */
    static String source(Exercise exercise) {
        try (InputStream in = Frames.class.getResourceAsStream(SOURCES + exercise.fileName())) {
            if (in == null) {
                throw new IllegalStateException("the checks carry no frame for " + exercise.fileName()
                        + ": rebuild the lab libraries");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiled frame class {@code name} (binary name), or null. */
    static byte[] classBytes(String name) {
        try (InputStream in = Frames.class.getClassLoader().getResourceAsStream(CLASSES + name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
