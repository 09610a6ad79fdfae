package dev.kvlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDK is all a learner needs: on a fresh clone, with no {@code mvn} on the {@code PATH} and an empty Maven
 * repository, {@code ./jbang retrieve-solution} fetches Maven through the Maven Wrapper ({@code mvnw}), builds the
 * lab's libraries, fetches JBang and runs the solution. Everything comes from a Maven repository on loopback
 * ({@link RepositoryMirror}, serving what the build itself resolved), through {@code MVNW_REPOURL} and a mirror in
 * the settings, so the test never leaves the machine.
 */
class MavenWrapperEndToEndTest {
    /** Maven's own distribution, the lab's libraries' dependencies and JBang, all over loopback. */
    private static final long TIMEOUT_MINUTES = 15;
    private static final Set<String> NOT_MAVEN = Set.of("mvn", "mvnDebug", "mvnyjp", "jbang");

    @TempDir
    Path scratch;

    @Test
    void aFreshCloneRunsWithAJdkAndNoMaven() throws Exception {
        Path clone = ProjectCopy.fresh();
        Path home = Files.createDirectories(scratch.resolve("home"));
        Path repository = Files.createDirectories(home.resolve(".m2/repository"));
        Path bin = pathWithoutMaven();
        Path log = scratch.resolve("run.log");

        try (RepositoryMirror mirror = RepositoryMirror.of(RepositoryMirror.buildRepository())) {
            // Maven (run by mvnw) and JBang both read ${user.home}/.m2/settings.xml: point user.home at the new home
            Files.writeString(home.resolve(".m2/settings.xml"), "<settings><mirrors><mirror><id>loopback</id>"
                    + "<mirrorOf>*</mirrorOf><url>" + mirror.url() + "/</url></mirror></mirrors></settings>\n");
            ProcessBuilder builder = new ProcessBuilder("bash", clone.resolve("jbang").toString(), "retrieve-solution")
                    .directory(clone.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.put("PATH", bin.toString());
            env.put("HOME", home.toString());
            env.put("USER", System.getProperty("user.name"));
            env.put("LANG", "C.UTF-8");
            env.put("JBANG_NO_VERSION_CHECK", "1");
            env.put("MAVEN_OPTS", "-Dmaven.repo.local=" + repository + " -Duser.home=" + home);
            env.put("JBANG_JAVA_OPTIONS", "-Duser.home=" + home);
            env.put("JBANG_REPO", repository.toString());
            env.put("JBANG_DIR", home.resolve(".jbang").toString());
            env.put("MVNW_REPOURL", mirror.url());
            String javaHome = System.getenv("JAVA_HOME");
            if (javaHome != null) {
                env.put("JAVA_HOME", javaHome);
            }

            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("did not finish in " + TIMEOUT_MINUTES + " min\n" + Files.readString(log));
            }
            String output = Files.readString(log);

            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("openai-api-key") && output.contains("retrieved"), output);
            assertTrue(Files.isDirectory(home.resolve(".m2/wrapper/dists")), "Maven came through the wrapper\n" + output);
            assertTrue(mirror.served() > 0, output);
            assertEquals(List.of(), notFromTheMirror(repository), "every download came from the loopback mirror");
            Leaks.assertNone("./jbang retrieve-solution", output);
        }
    }

    /**
     * A folder of links to every program on the PATH but Maven's (and an installed JBang's). Outside the test's
     * temporary folder, whose clean-up warns about every link that points out of it.
     */
    private static Path pathWithoutMaven() throws IOException {
        Path bin = Files.createTempDirectory("kvlab-path-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProjectCopy.delete(bin)));
        for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
            Path dir = Path.of(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> programs = Files.list(dir)) {
                for (Path program : (Iterable<Path>) programs::iterator) {
                    Path link = bin.resolve(program.getFileName().toString());
                    if (!NOT_MAVEN.contains(program.getFileName().toString()) && Files.isExecutable(program)
                            && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, program);
                    }
                }
            }
        }
        return bin;
    }

    /**
     * Artifacts the Maven resolvers recorded as coming from anywhere but the mirror (id "loopback") or a local
     * install (no id): lines {@code file>repository=}.
     */
    private static List<String> notFromTheMirror(Path repository) throws IOException {
        List<String> others = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repository)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().equals("_remote.repositories"))::iterator) {
                for (String line : Files.readAllLines(file)) {
                    String from = line.contains(">") ? line.substring(line.indexOf('>') + 1).replaceFirst("=$", "") : "";
                    if (!line.startsWith("#") && !from.isEmpty() && !from.equals("loopback")) {
                        others.add(repository.relativize(file.getParent()) + ": " + line);
                    }
                }
            }
        }
        return others;
    }
}
