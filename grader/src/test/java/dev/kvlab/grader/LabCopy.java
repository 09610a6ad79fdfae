package dev.kvlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A clean copy of the lab (the files git would check out) driven through its own {@code ./jbang}, with a Maven
 * repository and JBang folder of the tests' own: links to {@code ~/.m2/repository} without the lab's artifacts, so
 * another checkout's launcher can never swap the lab's jars under a test. One home serves every copy of a test
 * JVM: the launcher installs the lab's libraries into it once.
 */
final class LabCopy {
    private static Path home;

    record Run(int status, String stdout, String stderr) {}

    private LabCopy() {}

    /** A fresh copy of the working tree in {@code into}. */
    static Path of(Path into) throws Exception {
        Process git = new ProcessBuilder("git", "-C", Learners.ROOT.toString(), "ls-files", "-z", "--cached",
                "--others", "--exclude-standard").start();
        String files = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor());
        for (String name : files.split("\0")) {
            Path from = Learners.ROOT.resolve(name);
            if (name.isEmpty() || !Files.isRegularFile(from)) {
                continue;
            }
            Path to = into.resolve(name);
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
            to.toFile().setExecutable(Files.isExecutable(from));
        }
        return into;
    }

    /** Runs {@code bash -c command} in {@code dir} as a user of the lab would, with the tests' private home. */
    static Run bash(Path dir, String command, Map<String, String> env, int minutes) throws Exception {
        Path out = Files.createTempFile("kvlab-out", ".txt");
        Path err = Files.createTempFile("kvlab-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.equals("KEY_VAULT_URL") || k.startsWith("IDENTITY_") || k.startsWith("AZURE_")
                || k.startsWith("MAVEN_") || k.startsWith("JBANG_") || k.equals("XDG_CACHE_HOME"));
        e.put("HOME", home().toString());
        // Java takes user.home from the password file, not HOME: Maven and JBang are pointed at the tests' own
        // repository explicitly, or they would install into and resolve from the shared ~/.m2
        e.put("MAVEN_OPTS", "-Dmaven.repo.local=" + home().resolve(".m2/repository"));
        e.put("JBANG_REPO", home().resolve(".m2/repository").toString());
        e.put("JBANG_DIR", home().resolve(".jbang").toString());
        e.put("JBANG_NO_VERSION_CHECK", "1");
        e.put("LC_ALL", "C.UTF-8");
        e.put("KVLAB_CDS", "off"); // its background archive JVM would outlive the test and its copy
        e.putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + minutes + " minutes");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static synchronized Path home() {
        if (home == null) {
            try {
                home = Files.createTempDirectory("kvlab-grader-home-");
                seed(Path.of(System.getProperty("user.home"), ".m2", "repository"), home.resolve(".m2/repository"));
                Path made = home;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return home;
    }

    private static void seed(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        Path ours = from.resolve("dev").resolve("kvlab");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).filter(f -> !f.startsWith(ours))::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                String name = file.getFileName().toString();
                if (name.equals("_remote.repositories") || name.startsWith("maven-metadata")
                        || name.endsWith(".lastUpdated") || name.endsWith(".properties")) {
                    Files.copy(file, target); // files Maven rewrites: a copy, so the shared one is never touched
                } else {
                    try {
                        Files.createLink(target, file);
                    } catch (FileSystemException | UnsupportedOperationException otherDevice) {
                        Files.createSymbolicLink(target, file);
                    }
                }
            }
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }
}
