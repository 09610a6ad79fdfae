package dev.kvlab.console;

import dev.kvlab.runtime.LabException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Compiles the learner's current exercise file in memory and loads it in a fresh class loader, so the console and
 * the notebooks run the code as it is now, without a restart. Unchanged source is not compiled again.
 */
public final class ExerciseCompiler {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final ClassLoader parent;
    private final String classPath;
    /** The latest compilation per file: an edit replaces it, so old class loaders can be collected. */
    private final Map<Path, Map.Entry<String, Compiled>> latest = new HashMap<>();

    public ExerciseCompiler() {
        this(ExerciseCompiler.class.getClassLoader(), System.getProperty("java.class.path"));
    }

    public ExerciseCompiler(ClassLoader parent, String classPath) {
        if (javac == null) {
            throw new LabException("this Java has no compiler (a JRE?). Install a Java 17 JDK and try again.");
        }
        this.parent = parent;
        this.classPath = classPath;
    }

    /** The file's classes, loaded; the result says what did not compile instead when it does not. */
    public synchronized Compiled compile(Path file) {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot read " + file + " (" + e.getMessage() + "). Check that the file exists.");
        }
        return compile(file, source);
    }

    /** Compiles {@code source} as if it were {@code file}'s text (the notebooks load a solution this way). */
    public synchronized Compiled compile(Path file, String source) {
        String hash = sha256(source);
        Map.Entry<String, Compiled> known = latest.get(file);
        if (known != null && known.getKey().equals(hash)) {
            return known.getValue();
        }
        Compiled compiled = compileSource(file, source);
        latest.put(file, Map.entry(hash, compiled));
        return compiled;
    }

    private Compiled compileSource(Path file, String source) {
        String simpleName = file.getFileName().toString().replaceFirst("\\.java$", "");
        Matcher m = PACKAGE.matcher(source);
        String className = m.find() ? m.group(1) + "." + simpleName : simpleName;

        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        InMemoryClasses output = new InMemoryClasses(standard);
        JavaFileObject unit = new SimpleJavaFileObject(file.toUri(), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("--release", "17", "-proc:none", "-g", "-classpath", classPath);
        boolean ok = javac.getTask(null, output, diagnostics, options, null, List.of(unit)).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add("line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
            }
        }
        if (!ok) {
            return new Compiled(file, className, Map.of(), null, errors.isEmpty() ? List.of("the compiler gave no reason") : errors);
        }
        ClassLoader loader = new LearnerClassLoader(output.classes, parent);
        return new Compiled(file, className, Map.copyOf(output.classes), loader, List.of());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One compilation of an exercise file: its loaded main class, or the compiler's errors. */
    public record Compiled(Path file, String className, Map<String, byte[]> classes, ClassLoader loader, List<String> errors) {
        public boolean ok() {
            return loader != null;
        }

        /** Writes the class files into a jar, for the class path of a Jupyter kernel. */
        public void writeJar(Path jar) throws IOException {
            Path folder = Files.createDirectories(jar.toAbsolutePath().getParent());
            // moved in whole: a kernel loading the jar while another notebook on the exercise writes it reads one version
            Path partial = Files.createTempFile(folder, jar.getFileName().toString(), ".partial");
            try {
                try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(partial))) {
                    for (Map.Entry<String, byte[]> c : new java.util.TreeMap<>(classes).entrySet()) {
                        out.putNextEntry(new java.util.jar.JarEntry(c.getKey().replace('.', '/') + ".class"));
                        out.write(c.getValue());
                        out.closeEntry();
                    }
                }
                Files.move(partial, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }

        /** Writes the class files under {@code dir} (package folders), for a JShell or Jupyter class path. */
        public void writeTo(Path dir) throws IOException {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                Path target = dir.resolve(c.getKey().replace('.', '/') + ".class");
                Files.createDirectories(target.getParent());
                Files.write(target, c.getValue());
            }
        }

        public Class<?> mainClass() {
            try {
                return Class.forName(className, true, loader);
            } catch (ClassNotFoundException e) {
                throw new LabException(file.getFileName() + " has no class " + className
                        + ". Keep the class name and package the exercise came with.");
            }
        }
    }

    /**
     * Loads the learner's classes from memory, child-first, so a copy of the same class elsewhere on the class path
     * (the pristine stub a build folder may hold) never shadows them; everything else (SDK, runtime) comes from the
     * console's loader.
     */
    private static final class LearnerClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        LearnerClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super("learner", parent);
            this.classes = Map.copyOf(classes);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && classes.containsKey(name)) {
                    c = findClass(name);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** Keeps the compiler's class files in memory, by binary class name. */
    private static final class InMemoryClasses extends ForwardingJavaFileManager<JavaFileManager> {
        final Map<String, byte[]> classes = new HashMap<>();

        InMemoryClasses(JavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }

    /** The class path this JVM was started with, split into entries. */
    public static List<Path> classPathEntries() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }
}
