package dev.kvlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The standby check: after a check, the launcher starts the same command once more in the background, and the next
 * check with the same command, folder and environment is served by it (no JVM start). What it prints and its exit
 * status must be a fresh JVM's, and anything else that reaches its port or a changed environment must not be served.
 */
class StandbyCheckTest {
    private static final Map<String, String> ON = Map.of("KVLAB_STANDBY", "on");

    @Test
    void theNextCheckIsServedByTheStandbyWithAFreshJvmsOutput() throws Exception {
        JBang.run("check", "retrieve"); // the first run installs the libraries and says so; the standby is off here
        // --hint: the same lines whatever runs came before
        JBang.Run fresh = JBang.run("check", "retrieve", "--seed", "11", "--hint");
        assertEquals(1, fresh.exitCode(), fresh::toString);
        Path state = stateFolder();
        try {
            Path ready = startStandby(state);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ready)));
            String[] portAndToken = Files.readAllLines(ready).get(0).split(" ");
            assertEquals(2, portAndToken.length);
            int port = Integer.parseInt(portAndToken[0]);
            // anyone else on the machine who finds the port: without the token nothing runs, and it keeps waiting
            for (String request : List.of("not-the-token\ncheck\n/\n1\nretrieve\n", "GET / HTTP/1.1\r\n\r\n", "")) {
                try (Socket other = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    OutputStream out = other.getOutputStream();
                    out.write(request.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    other.shutdownOutput();
                    assertEquals(-1, other.getInputStream().read(), "the standby answers no one without the token");
                }
            }

            JBang.Run served = JBang.run(ON, "check", "retrieve", "--seed", "11", "--hint");
            assertEquals(fresh.exitCode(), served.exitCode(), served::toString);
            assertEquals(fresh.stdout(), served.stdout());
            assertEquals(fresh.stderr(), served.stderr());
            assertTrue(log(state).contains("served ./jbang check retrieve --seed 11 --hint (exit status 1)"), log(state));

            // a usage error comes back as the command's own line and status
            awaitFile(state, "standby"::equals);
            JBang.Run usage = JBang.run(ON, "check", "retreive");
            assertEquals(2, usage.exitCode(), usage::toString);
            assertTrue(usage.stderr().startsWith("Error: no exercise 'retreive'"), usage::toString);
            assertTrue(log(state).contains("served ./jbang check retreive (exit status 2)"), log(state));

            // another environment: the standby is told to go, and a fresh JVM runs the check
            awaitFile(state, "standby"::equals);
            JBang.Run changed = JBang.run(Map.of("KVLAB_STANDBY", "on", "KVLAB_TEST_OTHER", "1"),
                    "check", "retrieve", "--seed", "11", "--hint");
            assertEquals(fresh.stdout(), changed.stdout());
            assertTrue(log(state).contains("out of date"), log(state));
        } finally {
            endStandbys(state);
        }
    }

    /** The launcher's per-user folder for the project copy (where check.launch is kept). */
    private static Path stateFolder() throws IOException {
        try (Stream<Path> files = Files.walk(PrivateRepository.home().resolve(".cache/kvlab"))) {
            return files.filter(f -> f.getFileName().toString().equals("check.launch")).findFirst()
                    .orElseThrow(() -> new AssertionError("no kept check command under ~/.cache/kvlab")).getParent();
        }
    }

    private static String listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().toString();
        }
    }

    private static String log(Path state) throws IOException {
        Path log = state.resolve("standby.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * Checks with the standby on until one has started it (at most 3 minutes). Only a check through the class-data
     * archive starts one, and the archive is made in the background after a check without it: earlier tests may have
     * left it missing, tampered with or made for another class path.
     */
    private static Path startStandby(Path state) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        StringBuilder tried = new StringBuilder();
        while (System.nanoTime() < deadline) {
            JBang.Run starter = JBang.run(ON, "check", "retrieve", "--seed", "3");
            Path ready = awaitFile(state, "standby"::equals, Duration.ofSeconds(40));
            if (ready != null) {
                return ready;
            }
            tried.append(starter.command()).append(" -> exit ").append(starter.exitCode()).append('\n');
            Path lock = Files.createDirectories(state.resolve("cds")).resolve("dump.lock");
            new ProcessBuilder("flock", lock.toString(), "true").start().waitFor(2, TimeUnit.MINUTES); // the archive's job
        }
        throw new AssertionError("no standby after 3 minutes of checks:\n" + tried + "class-data archives: "
                + listing(state.resolve("cds")) + "\nstandby log:\n" + log(state));
    }

    /** A file in {@code folder} whose name {@code wanted} accepts, once it is there (at most 2 minutes). */
    private static Path awaitFile(Path folder, Predicate<String> wanted) throws IOException, InterruptedException {
        Path found = awaitFile(folder, wanted, Duration.ofMinutes(2));
        if (found == null) {
            throw new AssertionError("nothing wanted in " + folder + " after 2 minutes\n" + log(folder));
        }
        return found;
    }

    /** A file in {@code folder} whose name {@code wanted} accepts, once it is there; null after {@code wait}. */
    private static Path awaitFile(Path folder, Predicate<String> wanted, Duration wait)
            throws IOException, InterruptedException {
        return FolderWatch.await(folder, wait, () -> { // files are moved in when complete
            try (Stream<Path> files = Files.list(folder)) {
                return files.filter(f -> wanted.test(f.getFileName().toString())).findFirst().orElse(null);
            }
        });
    }

    /** Ends the standby of this copy (its learner process ends with it). */
    private static void endStandbys(Path state) {
        String marker = "--standby " + state.resolve("standby");
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(p -> {
                    p.destroy();
                    p.onExit().completeOnTimeout(null, Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS).join();
                });
    }
}
