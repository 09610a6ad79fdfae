package dev.kvlab.console.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.runtime.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Installs a project-local Jupyter kernelspec, {@code .lab/jupyter/kernels/kvlab-java}: the rapaio Java kernel
 * from Maven Central with the lab's class path (runtime, checks, console, Azure SDK), so no global install is
 * needed; Jupyter finds it through {@code JUPYTER_PATH=.lab/jupyter}.
 */
public final class JupyterKernel {
    /** The Java kernel for Jupyter (JShell-based, runs on Java 17). */
    static final String KERNEL_ARTIFACT = "io.github.padreati:rapaio-jupyter-kernel:3.0.1";
    static final String KERNEL_JAR = "rapaio-jupyter-kernel-3.0.1.jar";
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy";

    private JupyterKernel() {
    }

    /** Writes the kernelspec under {@code jupyterDir} (fetching the kernel jar with Maven once); returns kernel.json. */
    public static Path install(Path jupyterDir, List<Path> classPath) throws IOException, InterruptedException {
        Path kernelJar = jupyterDir.resolve(KERNEL_JAR);
        if (!Files.isRegularFile(kernelJar)) {
            fetch(jupyterDir);
        }
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                // the kernel's class path takes jars: pack a build folder (tests, a checkout) into one
                Path jar = jupyterDir.resolve("lib").resolve((n++) + "-" + entry.getFileName() + ".jar");
                pack(entry, jar);
                entries.add(jar.toAbsolutePath().toString());
            } else if (Files.isRegularFile(entry)) {
                entries.add(entry.toAbsolutePath().toString());
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode spec = json.createObjectNode();
        // C1 only and the serial collector: a notebook's JVM runs short cells (JShell compiles each with javac), where
        // C2 and a parallel collector cost about twice the CPU (a notebook run: 13.7 s -> 7.4 s of CPU, 9.2 s -> 7.2 s)
        spec.putArray("argv").add(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .add("-XX:TieredStopAtLevel=1").add("-XX:+UseSerialGC")
                .add("-jar").add(kernelJar.toAbsolutePath().toString()).add("{connection_file}");
        spec.put("display_name", JupyterNotebooks.KERNEL_DISPLAY_NAME).put("language", "java").put("interrupt_mode", "message");
        ObjectNode env = spec.putObject("env");
        env.put("RJK_CLASSPATH", String.join(";", entries));   // the kernel splits its class path at ';'
        env.put("JBANG_NO_VERSION_CHECK", "1");
        Path kernelJson = jupyterDir.resolve("kernels").resolve(JupyterNotebooks.KERNEL_NAME).resolve("kernel.json");
        Files.createDirectories(kernelJson.getParent());
        Files.writeString(kernelJson, json.writeValueAsString(spec) + "\n");
        return kernelJson;
    }

    private static void fetch(Path jupyterDir) throws IOException, InterruptedException {
        Files.createDirectories(jupyterDir);
        Path log = jupyterDir.resolve("fetch.log");
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", DEPENDENCY_PLUGIN, "-Dartifact=" + KERNEL_ARTIFACT,
                "-DoutputDirectory=" + jupyterDir.toAbsolutePath())
                .directory(jupyterDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (mvn.waitFor() != 0 || !Files.isRegularFile(jupyterDir.resolve(KERNEL_JAR))) {
            throw new LabException("could not fetch the Java kernel " + KERNEL_ARTIFACT + " from Maven Central (details in "
                    + log + "). Check your network or proxy, then try again.");
        }
    }

    private static void pack(Path dir, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(dir)) {
            // the exercise classes always come from the notebook's own jar (a build folder may hold the stubs)
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !dir.relativize(f).startsWith(Path.of("dev", "kvlab", "exercises")))
                    .sorted().toList()) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }
}
