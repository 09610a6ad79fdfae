package dev.kvlab.checks;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Loads the exercise's frame (the course's compiled stub: its records and signatures) and the check classes that
 * use it, child-first, so a check's reference to {@code dev.kvlab.exercises.RetrieveSecrets} binds to the frame
 * carried inside the checks, whatever else is on the class path. The learner's own classes never load here: they
 * run in the learner's process. Everything else (JUnit, the SDK, the runtime, the vault) comes from the parent.
 */
final class FrameClassLoader extends ClassLoader {
    static final String EXERCISES = "dev.kvlab.exercises.";
    static final String CHECKS = "dev.kvlab.checks.exercises.";

    private final Function<String, byte[]> frame;

    FrameClassLoader(Function<String, byte[]> frame, ClassLoader parent) {
        super("kvlab-frame", parent);
        this.frame = frame;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(EXERCISES) && !name.startsWith(CHECKS)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = name.startsWith(EXERCISES) ? frame.apply(name) : parentBytes(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    private byte[] parentBytes(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
