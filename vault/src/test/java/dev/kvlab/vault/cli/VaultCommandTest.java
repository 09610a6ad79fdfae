package dev.kvlab.vault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Mistakes a user can make get one line starting with "Error:" and exit status 2. */
class VaultCommandTest {
    private record Run(int status, String stderr) {
    }

    private static Run run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int status = VaultCommand.run(args);
            return new Run(status, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private static void assertOneErrorLine(Run run) {
        assertEquals(2, run.status());
        assertTrue(run.stderr().startsWith("Error: "), run.stderr());
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
    }

    @Test
    void portInUseIsOneLineAndExitStatusTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("--port", String.valueOf(taken.getLocalPort()));
            assertOneErrorLine(run);
            assertTrue(run.stderr().contains("already in use"), run.stderr());
            assertTrue(run.stderr().contains("--port"), run.stderr());
        }
    }

    @Test
    void unknownOptionIsOneLine() {
        assertOneErrorLine(run("--colour"));
    }

    @Test
    void badSeedIsOneLine() {
        Run run = run("--seed", "maybe");
        assertOneErrorLine(run);
        assertTrue(run.stderr().contains("lab or none"), run.stderr());
    }

    @Test
    void badPortIsOneLine() {
        assertOneErrorLine(run("--port", "http"));
        assertOneErrorLine(run("--port", "70000"));
    }

    @Test
    void dataFolderThatIsAFileIsOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("not-a-folder"), "x");
        Run run = run("--data", file.toString());
        assertOneErrorLine(run);
        assertTrue(run.stderr().contains("not-a-folder"), run.stderr());
    }

    @Test
    void limitsAreAzuresByDefaultAndCanBeLiftedOrSet() throws Exception {
        assertArrayEquals(new int[] {300, 4000}, VaultCommand.parseLimits("azure"));
        assertArrayEquals(new int[] {50, 200}, VaultCommand.parseLimits(" 50/200 "));
        assertArrayEquals(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}, VaultCommand.parseLimits("OFF"));
        java.lang.reflect.Field field = VaultCommand.class.getDeclaredField("limits");
        VaultCommand command = new VaultCommand();
        new picocli.CommandLine(command).parseArgs();
        assertEquals("azure", field.get(command), "the default is Azure's limits");
        // and a vault built with lifted limits answers far past Azure's 4,000 per window
        dev.kvlab.vault.VaultService service = dev.kvlab.vault.VaultService.builder()
                .throttleLimits(Integer.MAX_VALUE, Integer.MAX_VALUE).build();
        dev.kvlab.vault.Caller caller = new dev.kvlab.vault.Caller.Authenticated("lab-user");
        for (int i = 0; i < 4_500; i++) {
            assertEquals(200, service.handle(new dev.kvlab.vault.VaultRequest("GET", "kvlab", "https://kvlab.localhost",
                    "/secrets/openai-api-key/", "api-version=7.6", new byte[0], caller)).status());
        }
    }

    @Test
    void badLimitsAreOneLine() {
        for (String limits : new String[] {"fast", "0/10", "10/", "-1/5", "1/2/3"}) {
            Run run = run("--limits", limits);
            assertOneErrorLine(run);
            assertTrue(run.stderr().contains("--limits"), run.stderr());
        }
    }

    @Test
    void aDamagedJournalIsOneLineNamingTheWayOut(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("secrets.journal"), "00000000 {\"op\":\"put\"}\n");
        Run run = run("--data", dir.toString());
        java.util.List<java.nio.file.Path> whenRefused = listing(dir);
        assertOneErrorLine(run);
        assertTrue(run.stderr().contains("secrets.journal") && run.stderr().contains("record 1")
                && run.stderr().contains("--recover"), run.stderr());
        // nothing the refused start began goes on writing into the data folder after the command returned
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("kvlab-vault-start")) {
                t.join(10_000);
            }
        }
        assertEquals(whenRefused, listing(dir));
    }

    private static java.util.List<java.nio.file.Path> listing(java.nio.file.Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void appConfigWithoutTheStoreOnTheClassPathIsOneLine() {
        Run run = run("--app-config");
        assertOneErrorLine(run);
        assertTrue(run.stderr().contains("kvlab-appconfig"), run.stderr());
    }
}
