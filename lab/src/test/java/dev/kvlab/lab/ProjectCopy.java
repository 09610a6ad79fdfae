package dev.kvlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the project's files in a temporary folder, made once per test JVM, in which the end-to-end tests run
 * {@code ./jbang}. The launcher's nested {@code mvn install} and its {@code .lab/} caches then work on the copy and
 * cannot collide with the Maven build running these tests.
 */
final class ProjectCopy {
    private static Path copy;

    private ProjectCopy() {
    }

    /** The project root these tests belong to. */
    static Path source() {
        String root = System.getProperty("kvlab.root");
        Path path = root != null ? Path.of(root) : Path.of("..");
        return path.toAbsolutePath().normalize();
    }

    /** The copy (made on first use, deleted when the JVM exits). */
    static synchronized Path root() {
        if (copy == null) {
            copy = fresh();
        }
        return copy;
    }

    /** Another copy of its own, as a fresh clone would be (deleted when the JVM exits). */
    static Path fresh() {
        Path made;
        try {
            made = Files.createTempDirectory("kvlab-e2e-");
            for (String file : projectFiles(source())) {
                Path from = source().resolve(file);
                if (!Files.isRegularFile(from)) {
                    continue; // deleted in the working tree but not yet in git
                }
                Path to = made.resolve(file);
                Files.createDirectories(to.getParent());
                Files.copy(from, to);
                if (Files.isExecutable(from)) {
                    to.toFile().setExecutable(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made)));
        return made;
    }

    /** What git would check out (tracked files and new ones not ignored), or the tree without build output. */
    private static List<String> projectFiles(Path root) throws IOException {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--cached", "--others",
                    "--exclude-standard").redirectErrorStream(false).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0 && out.length > 0) {
                List<String> files = new ArrayList<>();
                for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                    if (!name.isEmpty()) {
                        files.add(name);
                    }
                }
                return files;
            }
        } catch (IOException | InterruptedException noGit) {
            // not a git checkout (a source archive): copy the tree instead
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .filter(p -> !p.startsWith(".git") && !p.startsWith(".lab") && !p.contains("target/"))
                    .toList();
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
