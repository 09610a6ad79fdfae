package dev.kvlab.checks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The check's JVM started ahead of the next {@code ./jbang check}: the launcher starts one in the background after a
 * check, with the same command and environment, and the next check hands it its arguments instead of starting a JVM.
 * Until then it has warmed up (one check of the sealed stub: javac, ArchUnit, JUnit, TLS, the SDK) and holds a
 * started vault and a learner process that never ran anyone's code. It serves one check and exits, so no state
 * passes from one check to the next; unused, it exits after {@link #IDLE}.
 *
 * <p>The launcher finds it through the ready file (0600, in its per-user folder, which the learner's sandbox cannot
 * see): {@code <port> <token>} then the launch key the launcher computed (java, class path, jars, environment,
 * folder). It claims the file by renaming it, so two checks never share one standby, and connects to 127.0.0.1:port.
 * Request, one line each: the token, {@code check} or {@code quit}, the folder, the number of arguments, the
 * arguments. Answer, one line each: {@code o<text>} for standard output, {@code e<text>} for standard error, then
 * {@code x<exit status>}.
 */
final class Standby {
    /** How long an unused standby waits for a check. */
    static final Duration IDLE = Duration.ofMinutes(10);
    /** How often a waiting standby looks whether its lab folder is still there. */
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(2);
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_ARGS = 64;

    private Standby() {}

    /** {@code --standby <ready file> <launch key>}; returns the exit status of the check it served (0 if none). */
    static int run(String... args) throws IOException {
        if (args.length != 3 || !Path.of(args[1]).isAbsolute()) {
            System.err.println("Error: --standby is the launcher's (./jbang check starts it); run ./jbang check <exercise>.");
            return 2;
        }
        Path ready = Path.of(args[1]);
        Path log = ready.resolveSibling(ready.getFileName() + ".log");
        if (Files.isRegularFile(log) && Files.size(log) > 64 * 1024) {
            Files.write(log, new byte[0]); // the launcher appends to it; keep it short
        }
        try (FileChannel lockFile = FileChannel.open(ready.resolveSibling(ready.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                // the launcher already starts one at a time (flock on kvlab/standby.lock); this guards this checkout
                log("another standby is still serving or waiting: not needed");
                return 0;
            }
            log("warming up"); // (an empty log: none started, or the launcher's lock was held 15 s by another)
            Path lab = LabRoot.find().resolve("jbang-catalog.json");
            warmUp();
            Checks.startAhead();
            System.gc(); // the warm-up's garbage goes before the wait (the serial collector gives memory back)
            try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
                byte[] secret = new byte[16];
                new SecureRandom().nextBytes(secret);
                String token = HexFormat.of().formatHex(secret);
                publish(ready, server.getLocalPort() + " " + token + "\n" + args[2] + "\n");
                log("ready on 127.0.0.1:" + server.getLocalPort());
                return serve(server, ready, token, lab);
            }
        }
    }

    /** A line in the standby's log (the launcher's per-user folder, standby.log). */
    private static void log(String what) {
        LOG.println(java.time.Instant.now() + " standby " + ProcessHandle.current().pid() + ": " + what);
    }

    /** The log as the launcher opened it (appending), before a check's output is framed onto the connection. */
    private static final PrintStream LOG = System.err;

    /** One check of the sealed stub of exercise 1, written nowhere: loads and compiles what a check runs. */
    private static void warmUp() throws IOException {
        Exercise retrieve = Exercise.ALL.get(0);
        Path stub = Files.createTempFile("kvlab-standby-", ".java");
        try {
            Files.writeString(stub, Frames.source(retrieve));
            Checks.run(Checks.Options.of(retrieve).file(stub).env(Map.of()));
        } finally {
            Files.deleteIfExists(stub);
        }
    }

    private static void publish(Path ready, String content) throws IOException {
        Path tmp = ready.resolveSibling(ready.getFileName() + ".publishing-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content);
        // replaces a ready file whose standby died: holding the lock, this is the only live one
        Files.move(tmp, ready, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int serve(ServerSocket server, Path ready, String token, Path lab) throws IOException {
        long deadline = System.nanoTime() + IDLE.toNanos();
        boolean unpublished = false;
        while (true) {
            long left = deadline - System.nanoTime();
            if (!Files.isRegularFile(lab)) {
                // a copy of the lab that was checked and then deleted (a grading script): nothing to wait for
                Files.deleteIfExists(ready);
                log("its lab folder is gone: gone");
                return 0;
            }
            if (left <= 0) {
                if (unpublished) {
                    log("unused for " + IDLE.toMinutes() + " minutes: gone");
                    return 0;
                }
                // No one can find it once the file is gone; a launcher that has just claimed it gets a moment more.
                Files.deleteIfExists(ready);
                unpublished = true;
                deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                continue;
            }
            server.setSoTimeout((int) Math.max(1, Math.min(LOOK_AGAIN.toMillis(), left / 1_000_000)));
            try (Socket client = accept(server)) {
                if (client == null) {
                    continue;
                }
                List<String> request = request(client, token);
                if (request == null) {
                    continue; // not our launcher, or cut short: keep waiting for it
                }
                if (request.isEmpty()) {
                    log("out of date (the check's command, folder or environment changed): gone");
                    return 0;
                }
                OutputStream answer = client.getOutputStream();
                if (!sameFolder(request.get(0))) {
                    answer.write("r\n".getBytes(StandardCharsets.UTF_8)); // asked from elsewhere: run it yourself
                    log("asked from another folder: gone");
                    return 0;
                }
                List<String> args = request.subList(1, request.size());
                int status = check(answer, args.toArray(String[]::new));
                log("served ./jbang check " + String.join(" ", args) + " (exit status " + status + ")");
                return status;
            }
        }
    }

    private static boolean sameFolder(String folder) {
        try {
            return Path.of(folder).toRealPath().equals(Path.of("").toRealPath());
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static Socket accept(ServerSocket server) throws IOException {
        try {
            return server.accept();
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** The folder and arguments of a check; empty for quit; null for anything but a whole request with the token. */
    private static List<String> request(Socket client, String token) {
        try {
            client.setSoTimeout(5_000); // a request is a few short lines, sent at once
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), line(in).getBytes(StandardCharsets.UTF_8))) {
                return null;
            }
            String command = line(in);
            if (!command.equals("check")) {
                return command.equals("quit") ? List.of() : null;
            }
            List<String> request = new ArrayList<>(List.of(line(in)));
            int n = Integer.parseInt(line(in));
            if (n < 0 || n > MAX_ARGS) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                request.add(line(in));
            }
            return request;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static String line(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0 || line.length() >= MAX_LINE) {
                throw new IOException("request cut short");
            }
            line.append((char) c);
        }
        return line.toString();
    }

    /** Runs the check with its output framed onto the launcher's connection. */
    private static int check(OutputStream answer, String[] args) throws IOException {
        Object lock = new Object();
        PrintStream out = new PrintStream(new Framed('o', answer, lock), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new Framed('e', answer, lock), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        int status = CheckCommand.execute(args);
        out.close(); // sends a last line that had no line break
        err.close();
        synchronized (lock) {
            answer.write(("x" + status + "\n").getBytes(StandardCharsets.UTF_8));
            answer.flush();
        }
        return status;
    }

    /**
     * One of the check's output streams, a line at a time with its tag. When the launcher is gone (the learner
     * pressed Ctrl-C), the check has no one to report to: the standby ends, and the learner process with it.
     */
    private static final class Framed extends OutputStream {
        private final byte tag;
        private final OutputStream to;
        private final Object lock;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        Framed(char tag, OutputStream to, Object lock) {
            this.tag = (byte) tag;
            this.to = to;
            this.lock = lock;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            // a partial line waits for its end; the last one is sent when the check is over
        }

        @Override
        public synchronized void close() throws IOException {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() throws IOException {
            try {
                synchronized (lock) {
                    to.write(tag);
                    line.writeTo(to);
                    to.write('\n');
                    to.flush();
                }
            } catch (IOException e) {
                Runtime.getRuntime().halt(130);
            } finally {
                line.reset();
            }
        }
    }
}
