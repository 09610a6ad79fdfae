package dev.kvlab.checks;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one rebuilt exercise file in memory with the JDK's compiler, against the checks' own class path (which
 * holds the lab runtime and the Azure SDK), and keeps the class files in memory: nothing is written to disk.
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

    /** Binary class name to class file bytes; empty when there were errors. */
    public Map<String, byte[]> classes() {
        return classes;
    }

    public List<Error> errors() {
        return errors;
    }

    public boolean succeeded() {
        return errors.isEmpty();
    }

    /** Compiles {@code source}, the text of {@code className}'s file. */
    public static Compilation of(String className, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this Java installation: run the checks with a JDK 17, "
                    + "not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> out = new LinkedHashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
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
        };
        JavaFileObject file = new SimpleJavaFileObject(
                URI.create("mem:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-proc:none", "-g", "-nowarn", "-encoding", "UTF-8",
                "-classpath", classPath());
        boolean ok = javac.getTask(null, memory, diagnostics, options, null, List.of(file)).call();
        try {
            memory.close();
        } catch (IOException ignored) {
            // in-memory: nothing to release
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
        return new Compilation(classes, List.copyOf(errors));
    }

    /**
     * The class path the learner's file compiles against: {@code kvlab.checks.classpath} if set, else the entries of
     * this process's class path and of the loaders above the checks (surefire, JBang and IDEs differ here).
     */
    static String classPath() {
        String explicit = System.getProperty("kvlab.checks.classpath");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader l = Compilation.class.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (URISyntaxException | IllegalArgumentException ignored) {
                        // not a file: cannot be on javac's class path
                    }
                }
            }
        }
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
