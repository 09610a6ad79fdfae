package dev.kvlab.checks;

import dev.kvlab.checks.learner.LearnerProcess;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles one rebuilt exercise file in memory with the JDK's compiler, against the class path of the learner's
 * process (the lab runtime and the Azure SDK), and keeps the class files in memory: nothing is written to disk.
 */
public final class Compilation {
    /** A compile error, at a line of the learner's file. */
    public record Error(long line, String message) {}

    private final Map<String, byte[]> classes;
    private final List<Error> errors;

    private Compilation(Map<String, byte[]> classes, List<Error> errors) {
        this.classes = classes;
        this.errors = errors;
    }

    /** Binary class name to class file bytes (shared: never change them); empty when there were errors. */
    public Map<String, byte[]> classes() {
        return classes;
    }

    public List<Error> errors() {
        return errors;
    }

    public boolean succeeded() {
        return errors.isEmpty();
    }

    /**
     * File managers ready for the next compile: javac's own caches (each jar's table of contents) then outlive one
     * compile, which made a fresh one cost more than the compile itself. One per concurrent compile: they are not
     * safe to share.
     */
    private static final Queue<StandardJavaFileManager> IDLE = new ConcurrentLinkedQueue<>();

    /**
     * The last compiles, by class name and source text: a class hands in many identical files (untouched stubs, a
     * file passed around), and javac is the largest part of grading one. The class path never changes in a JVM, so
     * the same text always compiles to the same classes.
     */
    private static final int REMEMBERED = 64;

    private static final Map<String, Compilation> RECENT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compilation> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Compiles {@code source}, the text of {@code className}'s file (or remembers having compiled it). */
    public static Compilation of(String className, String source) {
        String key = className + "\n" + source;
        synchronized (RECENT) {
            Compilation known = RECENT.get(key);
            if (known != null) {
                return known;
            }
        }
        Compilation compiled = compile(className, source);
        synchronized (RECENT) {
            RECENT.put(key, compiled);
        }
        return compiled;
    }

    private static Compilation compile(String className, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this Java installation: run the checks with a JDK 17, "
                    + "not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        StandardJavaFileManager standard = IDLE.poll();
        if (standard == null) {
            standard = fileManager(javac);
        }
        JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                    }
                };
            }

            @Override
            public void close() {
                // kept for the next compile (see IDLE)
            }
        };
        JavaFileObject file = new SimpleJavaFileObject(
                URI.create("mem:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean ok;
        try {
            ok = javac.getTask(null, memory, diagnostics, OPTIONS, null, List.of(file)).call();
        } finally {
            IDLE.add(standard);
        }
        List<Error> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                // javac's own words, with its "symbol:" and "location:" lines
                errors.add(new Error(d.getLineNumber(), String.join("\n", d.getMessage(Locale.ROOT).lines()
                        .map(String::stripTrailing).filter(l -> !l.isBlank()).limit(4).toList())));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add(new Error(0, "the compiler failed without saying why"));
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        if (ok) {
            out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        }
        return new Compilation(java.util.Collections.unmodifiableMap(classes), List.copyOf(errors));
    }

    private static final List<String> OPTIONS = List.of("-proc:none", "-g", "-nowarn", "-encoding", "UTF-8");

    /**
     * A file manager whose class path is the learner's process's own ({@link LearnerProcess#classPath}): the code
     * compiles against exactly what it will run with, and javac has fewer jars to search than the judge's.
     */
    private static StandardJavaFileManager fileManager(JavaCompiler javac) {
        StandardJavaFileManager standard = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        try {
            standard.setLocation(StandardLocation.CLASS_PATH,
                    LearnerProcess.classPath().stream().map(File::new).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path the learner's code compiles against", e);
        }
        return standard;
    }
}
