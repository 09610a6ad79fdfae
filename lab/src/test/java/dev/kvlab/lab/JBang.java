package dev.kvlab.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code ./jbang} in the {@link ProjectCopy} as a learner would, in an environment with nothing of Azure or
 * of a local vault in it unless a test adds it.
 */
final class JBang {
    /** The first run installs the lab's libraries and fetches JBang: allow for a slow machine. */
    private static final Duration FIRST_RUN = Duration.ofMinutes(6);
    private static final Duration RUN = Duration.ofMinutes(2);
    /** Everything run through this class, for the leak scan. */
    static final List<Run> RUNS = new ArrayList<>();

    private JBang() {
    }

    /** What one run printed and how it ended. */
    record Run(List<String> command, int exitCode, String stdout, String stderr) {
        /** Standard error without the launcher's and JBang's own progress lines. */
        List<String> errorLines() {
            return stderr.lines()
                    .filter(line -> !line.isBlank())
                    .filter(line -> !line.startsWith("[jbang]"))
                    .filter(line -> !line.startsWith("Preparing the lab libraries") && !line.startsWith("Fetching JBang"))
                    .toList();
        }

        String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** {@code ./jbang args...} with no extra environment. */
    static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** {@code ./jbang args...} with {@code extraEnvironment} added to the scrubbed environment. */
    static Run run(Map<String, String> extraEnvironment, String... args) {
        return runWithInput(null, extraEnvironment, args);
    }

    /** {@code ./jbang args...} reading its standard input from {@code input} (none when null). */
    static Run runWithInput(Path input, Map<String, String> extraEnvironment, String... args) {
        return runIn(ProjectCopy.root(), input, extraEnvironment, args);
    }

    /** {@code ./jbang args...} (the copy's launcher) started in {@code directory}, as from another folder. */
    static synchronized Run runIn(Path directory, Path input, Map<String, String> extraEnvironment, String... args) {
        // the first run installs the libraries; runs that only print the lab's help install nothing
        Duration timeout = librariesInstalled() ? RUN : FIRST_RUN;
        Path out = null;
        Path err = null;
        try {
            // output to files: a child that fills one pipe while the other is read must not block
            out = Files.createTempFile("kvlab-e2e-", ".out");
            err = Files.createTempFile("kvlab-e2e-", ".err");
            ProcessBuilder builder = builder(extraEnvironment, args).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (input != null) {
                builder.redirectInput(input.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("./jbang " + String.join(" ", args) + " did not finish within " + timeout
                        + "\n--- stdout\n" + Files.readString(out) + "--- stderr\n" + Files.readString(err));
            }
            Run run = new Run(command(args), process.exitValue(), Files.readString(out), Files.readString(err));
            RUNS.add(run);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            for (Path file : new Path[] {out, err}) {
                if (file != null) {
                    file.toFile().delete();
                }
            }
        }
    }

    /**
     * Starts {@code ./jbang args...} without waiting (the standalone vault): its standard output stays readable from
     * the returned process, standard error goes to {@code log}.
     */
    static Process startInBackground(Path log, Map<String, String> extraEnvironment, String... args) {
        try {
            return builder(extraEnvironment, args).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the launcher has installed the lab's libraries into the tests' repository (its stamp is there). */
    private static boolean librariesInstalled() {
        try (Stream<Path> files = Files.list(PrivateRepository.repository().resolve("dev").resolve("kvlab"))) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(".sources-"));
        } catch (IOException notYet) {
            return false;
        }
    }

    private static ProcessBuilder builder(Map<String, String> extraEnvironment, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(ProjectCopy.root().toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        // what a learner's shell has; no AZURE_*, KEY_VAULT_URL, IDENTITY_* or KVLAB_* from the shell running the tests
        for (String name : List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "JAVA_HOME", "MAVEN_OPTS",
                "MAVEN_ARGS", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY",
                "HTTPS_PROXY", "NO_PROXY")) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.put("JBANG_NO_VERSION_CHECK", "1");
        // the tests' own Maven repository and JBang cache: see PrivateRepository for why
        env.put("HOME", PrivateRepository.home().toString());
        env.put("MAVEN_OPTS", (env.getOrDefault("MAVEN_OPTS", "") + " -Dmaven.repo.local=" + PrivateRepository.repository()).strip());
        env.put("JBANG_REPO", PrivateRepository.repository().toString());
        env.put("JBANG_DIR", PrivateRepository.jbangDir().toString());
        // a check's standby JVM would wait for the next check long after the tests; LauncherTest turns it on
        env.put("KVLAB_STANDBY", "off");
        env.putAll(extraEnvironment);
        return builder;
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(ProjectCopy.root().resolve("jbang").toString().replace(File.separatorChar, '/'));
        command.addAll(List.of(args));
        return command;
    }
}
