package dev.kvlab.vault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void appConfigWithoutTheStoreOnTheClassPathIsOneLine() {
        Run run = run("--app-config");
        assertOneErrorLine(run);
        assertTrue(run.stderr().contains("kvlab-appconfig"), run.stderr());
    }
}
