package dev.kvlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A Maven local repository (and JBang cache) of the end-to-end tests' own, seeded with links to the files of the
 * user's {@code ~/.m2/repository} except the lab's own artifacts.
 *
 * <p>Why: {@code ~/.m2} is shared by every checkout on the machine, and every {@code ./jbang} installs its
 * checkout's {@code dev.kvlab} libraries there when they differ. Another checkout's launcher could then replace
 * the jars under a running test (classes vanish mid-run) or between install and use. In their own repository the
 * tests see exactly the libraries their copy installed; the links make seeding instant and cost no space, and
 * anything missing is downloaded as usual.
 */
final class PrivateRepository {
    private static Path home;

    private PrivateRepository() {
    }

    /** The folder that stands in for {@code $HOME} of the launcher (it keeps its install stamp and lock there). */
    static synchronized Path home() {
        if (home == null) {
            try {
                home = Files.createTempDirectory("kvlab-e2e-home-");
                seed(Path.of(System.getProperty("user.home"), ".m2", "repository"), home.resolve(".m2").resolve("repository"));
                Path made = home;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> ProjectCopy.delete(made)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return home;
    }

    static Path repository() {
        return home().resolve(".m2").resolve("repository");
    }

    static Path jbangDir() {
        return home().resolve(".jbang");
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
                if (name.equals("_remote.repositories") || name.startsWith("maven-metadata") || name.endsWith(".lastUpdated")
                        || name.endsWith(".properties")) {
                    Files.copy(file, target); // files Maven rewrites: a copy, so the shared one is never touched
                } else {
                    link(file, target);
                }
            }
        }
    }

    private static void link(Path file, Path target) throws IOException {
        try {
            Files.createLink(target, file);
        } catch (FileSystemException | UnsupportedOperationException otherDevice) {
            Files.createSymbolicLink(target, file);
        }
    }
}
