package dev.kvlab.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.testing.RequiresTool;
import dev.kvlab.vault.Seed;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Submissions that try to change their own verdict, escape, or do harm, with the static gate switched off so the
 * learner's process and its sandbox must hold by themselves. Each must get a verdict the judge wrote, pass no
 * check, change nothing in the checkout, {@code .lab/} or the home folder, leave no process behind, and leak no
 * secret; the correct solution still passes afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresTool(value = "bwrap", debian = "bubblewrap")
class HostileSubmissionsTest {
    static final Path LAB = Fixture.ROOT.toAbsolutePath().normalize();
    static final Path CANARY = Path.of(System.getProperty("user.home"), ".kvlab-canary-" + ProcessHandle.current().pid());
    static final String CANARY_TEXT = "canary-" + HexFormat.of().formatHex(new byte[] {7, 3, 9, 1, 5, 2});
    static ServerSocket listener;

    @TempDir
    Path dir;

    /** Name, region RETRIEVE_SECRETS body (LAB, CANARY and PORT are replaced before the run). */
    static Stream<List<String>> submissions() {
        String halt = "Runtime.getRuntime().halt(0);";
        return Stream.of(
            List.of("exits", "System.exit(0); return null;"),
            List.of("halts", halt + " return null;"),
            List.of("exit from a main of its own", "new Object() { void main() { System.exit(0); } }.main(); return null;"),
            List.of("forges results then halts", "try { java.nio.file.Files.createDirectories(java.nio.file.Path.of(\"LAB/results/retrieve\")); "
                    + "java.nio.file.Files.writeString(java.nio.file.Path.of(\"LAB/results/retrieve/results.json\"), "
                    + "\"{\\\"version\\\":3,\\\"status\\\":\\\"pass\\\",\\\"score\\\":99,\\\"max_score\\\":99}\"); } catch (Exception e) { } "
                    + halt + " return null;"),
            List.of("rewrites the launcher's cached command", "try { java.nio.file.Files.createDirectories(java.nio.file.Path.of(\"LAB/.lab/cds\")); "
                    + "java.nio.file.Files.writeString(java.nio.file.Path.of(\"LAB/.lab/cds/check.command\"), \"echo pass\"); } "
                    + "catch (Exception e) { System.out.println(\"write refused: \" + e); } return null;"),
            List.of("writes into the exercises", "try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"LAB/exercises/RetrieveSecrets.java\"), \"x\"); } "
                    + "catch (Exception e) { System.out.println(\"refused: \" + e); } return null;"),
            List.of("writes through the file system provider", "try { var p = java.nio.file.Path.of(\"LAB/exercises/Planted.java\"); "
                    + "try (var o = p.getFileSystem().provider().newOutputStream(p)) { o.write(1); } } "
                    + "catch (Exception e) { System.out.println(\"refused: \" + e); } return null;"),
            List.of("writes into the home folder", "try { java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty(\"user.home\"), \".bashrc\"), \"x\"); "
                    + "java.nio.file.Files.writeString(java.nio.file.Path.of(\"/root/.kvlab-planted\"), \"x\"); } catch (Exception e) { } return null;"),
            List.of("reads the environment", "System.out.println(System.getenv()); return null;"),
            List.of("reads a file in the home folder", "try { System.out.println(java.nio.file.Files.readString(java.nio.file.Path.of(\"CANARY\"))); } "
                    + "catch (Exception e) { System.out.println(\"cannot read: \" + e); } return null;"),
            List.of("forks a process that lives on", "try { new ProcessBuilder(\"sleep\", \"300\").start(); } catch (Exception e) { } return new java.util.ArrayList<>();"),
            List.of("spins threads and returns", "for (int i = 0; i < 4; i++) { Thread t = new Thread(() -> { while (true) { } }); t.setDaemon(false); t.start(); } return new java.util.ArrayList<>();"),
            List.of("allocates 20 GB", "java.util.List<long[]> hog = new java.util.ArrayList<>(); for (int i = 0; i < 20_000; i++) { hog.add(new long[1 << 17]); } return null;"),
            List.of("catches ThreadDeath and Throwable in a loop", "while (true) { try { Thread.sleep(5); } catch (ThreadDeath d) { } catch (Throwable t) { } }"),
            List.of("floods the output", "while (true) { System.out.println(\"flood \".repeat(200)); }"),
            List.of("prints every value whole", "for (String n : names) { System.out.println(client.getSecret(n).getValue()); } return null;"),
            List.of("prints the tail of a value", "for (String n : names) { String v = client.getSecret(n).getValue(); System.out.println(v.substring(v.length() - 14)); } return null;"),
            List.of("prints values later from another thread", "var values = new java.util.ArrayList<String>(); for (String n : names) { values.add(client.getSecret(n).getValue()); } "
                    + "new java.util.concurrent.CompletableFuture<String>().completeOnTimeout(\"x\", 50, java.util.concurrent.TimeUnit.MILLISECONDS)"
                    + ".thenAccept(x -> System.out.println(values)); try { Thread.sleep(300); } catch (InterruptedException e) { } return null;"),
            List.of("prints values through a publisher", "var p = new java.util.concurrent.SubmissionPublisher<String>(); p.consume(System.out::println); "
                    + "for (String n : names) { p.submit(client.getSecret(n).getValue()); } p.close(); try { Thread.sleep(300); } catch (InterruptedException e) { } return null;"),
            List.of("exits through java.beans", "try { new java.beans.Statement(System.class, \"exit\", new Object[] {0}).execute(); } catch (Exception e) { } return null;"),
            List.of("behaves only when observed", "if (System.getProperty(\"kvlab.seen\") == null) { System.getProperties().put(\"kvlab.seen\", \"1\"); return null; } "
                    + "return names.stream().map(n -> SecretReport.unavailable(n, \"retrieved\")).toList();"),
            List.of("forges the checks' channel", "try { var o = new java.io.FileOutputStream(java.io.FileDescriptor.out); "
                    + "o.write(\"{\\\"op\\\":\\\"return\\\",\\\"value\\\":[]}\\n\".getBytes()); o.flush(); } catch (Exception e) { } return null;"),
            List.of("kills its parent", "ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly); return null;"),
            List.of("connects to a port on loopback", "try (var s = new java.net.Socket(\"127.0.0.1\", PORT)) { s.getOutputStream().write(1); } catch (Exception e) { System.out.println(\"no network: \" + e); } return null;"),
            List.of("reads the judge's memory through /proc", "try { System.out.println(java.nio.file.Files.readString(java.nio.file.Path.of(\"/proc/1/environ\"))); } catch (Exception e) { } return null;"),
            List.of("recurses without end", "return retrieveSecrets(client, names);"),
            List.of("returns an enormous answer", "var many = new java.util.ArrayList<SecretReport>(); for (int i = 0; i < 2_000_000; i++) { many.add(SecretReport.unavailable(\"n\" + i, \"x\".repeat(20))); } return many;"),
            List.of("sleeps forever", "try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } return null;"));
    }

    @BeforeAll
    static void noGate() throws IOException {
        assertTrue(dev.kvlab.checks.learner.Sandbox.enabled(), "bubblewrap is installed but cannot make namespaces here");
        System.setProperty(Checks.NO_GATE, "true");
        Files.writeString(CANARY, CANARY_TEXT);
        listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        listener.setSoTimeout(1);
    }

    @AfterAll
    static void gateBack() throws IOException {
        System.clearProperty(Checks.NO_GATE);
        Files.deleteIfExists(CANARY);
        if (listener != null) {
            listener.close();
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("submissions")
    void holdsAgainst(List<String> submission) throws Exception {
        String body = submission.get(1).replace("LAB", LAB.toString()).replace("CANARY", CANARY.toString())
                .replace("PORT", String.valueOf(listener.getLocalPort()));
        Map<String, String> before = fingerprint();
        Path file = learnerFile(body);
        Path results = dir.resolve("results");
        Report report = Checks.run(Checks.Options.of(Exercise.RETRIEVE).labRoot(LAB).file(file).seed(7)
                .timeout(Duration.ofSeconds(3)).results(results));

        String all = report.results().stream().map(r -> r.status() + " " + r.name() + ": " + r.message())
                .collect(Collectors.joining("\n"));
        assertNull(report.problem(), "the judge graded it");
        assertFalse(report.results().isEmpty());
        assertTrue(report.results().stream().noneMatch(r -> r.status() == CheckResult.Status.PASS), all);
        assertEquals("fail", report.status(), all);
        String json = Files.readString(results.resolve("results.json"));
        assertTrue(json.contains("\"status\" : \"fail\""), json);
        assertFalse(json.contains("\"score\" : 99"), json);
        for (Seed.SeedSecret s : Seed.LAB.secrets()) {
            assertFalse(json.contains(s.value()), "a seeded value reached results.json");
        }
        assertFalse(json.contains(CANARY_TEXT), "a file in the home folder was read");
        assertFalse(json.contains("kvlab-canary-env"), "the judge's environment was read");
        assertEquals(before, fingerprint(), "the checkout, .lab/ or the home folder changed");
        assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                "a process was left behind: " + ProcessHandle.current().descendants().map(p -> p.info().commandLine()
                        .orElse("?")).toList());
        try {
            listener.accept().close();
            throw new AssertionError("the learner's process reached a port on loopback");
        } catch (SocketTimeoutException expected) {
            // nothing connected
        }
    }

    @Order(2)
    @Test
    void theSolutionStillPassesAfterwards() {
        Report report = Checks.run(Checks.Options.of(Exercise.RETRIEVE).labRoot(LAB).solution(true).seed(7));
        assertTrue(report.passed(), () -> report.results().toString());
    }

    private Path learnerFile(String body) throws IOException {
        String text = Files.readString(LAB.resolve("exercises/RetrieveSecrets.java"));
        text = text.replaceFirst("(?m)^(\\s*// BEGIN RETRIEVE_SECRETS\\n)[^\\n]*\\n",
                "$1" + Matcher.quoteReplacement("        " + body) + "\n");
        Path file = dir.resolve("RetrieveSecrets.java");
        Files.writeString(file, text);
        return file;
    }

    /** Hashes of every file of the checkout (but build output and .git), .lab/, and the home folder's top level. */
    private static Map<String, String> fingerprint() throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(LAB)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))::iterator) {
                hashes.put(f.toString(), hash(f));
            }
        }
        try (Stream<Path> home = Files.list(Path.of(System.getProperty("user.home")))) {
            for (Path f : (Iterable<Path>) home.filter(Files::isRegularFile)::iterator) {
                hashes.put(f.toString(), hash(f));
            }
        }
        Path launcherCache = Path.of(System.getProperty("user.home"), ".cache", "kvlab");
        if (Files.isDirectory(launcherCache)) {
            try (Stream<Path> files = Files.walk(launcherCache)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    hashes.put(f.toString(), hash(f));
                }
            }
        }
        return hashes;
    }

    private static String hash(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
