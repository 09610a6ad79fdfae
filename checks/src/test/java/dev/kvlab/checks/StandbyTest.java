package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standby check's JVM on its own ({@code CheckCommand --standby}, which the launcher starts): it serves one check
 * over its protocol and exits, and it does not outlive the lab folder it was started in. The launcher's side is
 * tested end to end in the lab module (StandbyCheckTest).
 */
class StandbyTest {
    @TempDir
    Path dir;

    @Test
    void itServesOneCheckWithItsOutputAndStatusThenExits() throws Exception {
        Standby standby = start();
        try {
            List<String> answer = standby.ask("check", standby.lab.toRealPath().toString(), "1", "--help");
            assertTrue(answer.get(0).startsWith("oUsage: check "), answer::toString);
            assertEquals("x0", answer.get(answer.size() - 1));
            assertTrue(standby.process.waitFor(30, TimeUnit.SECONDS), "it serves one check, then exits");
            assertTrue(standby.logText().contains("served ./jbang check --help (exit status 0)"), standby.logText());
        } finally {
            standby.process.destroyForcibly();
        }
    }

    @Test
    void itGoesWhenItsLabFolderIsDeleted() throws Exception {
        Standby standby = start();
        try {
            try (Stream<Path> files = Files.walk(standby.lab)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            assertTrue(standby.process.waitFor(30, TimeUnit.SECONDS), "still waiting for a check in a deleted lab");
            assertEquals(0, standby.process.exitValue(), standby.logText());
            assertFalse(Files.exists(standby.ready), "no launcher may find it any more");
            assertTrue(standby.logText().contains("its lab folder is gone"), standby.logText());
        } finally {
            standby.process.destroyForcibly();
        }
    }

    /** A standby started as the launcher starts it, in a lab folder of its own, once it has said where it waits. */
    private Standby start() throws Exception {
        Path lab = Files.createDirectories(dir.resolve("lab"));
        Files.copy(LabRoot.find().resolve("jbang-catalog.json"), lab.resolve("jbang-catalog.json"));
        Files.createDirectories(lab.resolve("exercises"));
        Path state = Files.createDirectories(dir.resolve("state"));
        Path ready = state.resolve("standby");
        Path log = state.resolve("standby.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CheckCommand.class.getName(), "--standby", ready.toString(), "the-launch-key")
                .directory(lab.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            awaitFile(ready);
        } catch (AssertionError e) {
            process.destroyForcibly();
            throw new AssertionError(e.getMessage() + "\n" + Files.readString(log));
        }
        return new Standby(lab, ready, log, process);
    }

    private record Standby(Path lab, Path ready, Path log, Process process) {
        String logText() throws IOException {
            return Files.readString(log);
        }

        /** Sends the request lines after the token, as the launcher does, and returns every line of the answer. */
        List<String> ask(String... lines) throws IOException {
            String[] portAndToken = Files.readAllLines(ready).get(0).split(" ");
            List<String> answer = new ArrayList<>();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(portAndToken[0]))) {
                OutputStream out = socket.getOutputStream();
                out.write((portAndToken[1] + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    answer.add(line);
                }
            }
            return answer;
        }
    }

    /** Waits (at most 2 minutes: the standby warms up with a whole check first) until {@code file} exists. */
    private static void awaitFile(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try (WatchService watcher = file.getFileSystem().newWatchService()) {
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE); // moved in when complete
            while (!Files.exists(file)) {
                WatchKey key = watcher.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (key == null) {
                    throw new AssertionError("no " + file + " after 2 minutes");
                }
                key.pollEvents();
                key.reset();
            }
        }
    }
}
