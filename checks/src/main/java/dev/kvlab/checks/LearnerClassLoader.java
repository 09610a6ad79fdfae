package dev.kvlab.checks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Loads the learner's compiled classes, and the check classes that call them, child-first: a check class's
 * reference to {@code dev.kvlab.exercises.RetrieveSecrets} must bind to the learner's class, never to a copy of the
 * stub the checks were compiled against. Everything else (JUnit, the SDK, the runtime, the vault) comes from the
 * parent, so the checks and the JUnit engine share one copy of each.
 */
final class LearnerClassLoader extends ClassLoader {
    static final String EXERCISES = "dev.kvlab.exercises.";
    static final String CHECKS = "dev.kvlab.checks.exercises.";

    private final Map<String, byte[]> learner;

    LearnerClassLoader(Map<String, byte[]> learner, ClassLoader parent) {
        super("kvlab-learner", parent);
        this.learner = Map.copyOf(learner);
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
        byte[] bytes = name.startsWith(EXERCISES) ? learner.get(name) : parentBytes(name);
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
