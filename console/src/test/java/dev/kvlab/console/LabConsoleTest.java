package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.runtime.Lab;
import dev.kvlab.vault.LocalVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's actions without a browser: what the learner's code can do wrong is one line on the page. */
class LabConsoleTest {

    @Test
    void anEndlessLoopIsReportedAndTheConsoleStaysUsable(@TempDir Path root) throws Exception {
        Path exercises = Files.createDirectories(root.resolve("exercises"));
        Path file = exercises.resolve("ListSecretProperties.java");
        String stub = Files.readString(LabFixture.root().resolve("exercises/ListSecretProperties.java"));
        Files.writeString(file, stub.replaceFirst("throw new UnsupportedOperationException\\(",
                "while (!Thread.currentThread().isInterrupted()) { } throw new UnsupportedOperationException("));
        try (LocalVault vault = LocalVault.start()) {
            LabFolder folder = new LabFolder(root, exercises);
            LabConsole console = new LabConsole(folder, Lab.client(vault), "test", new WorkChecker(folder), Duration.ofSeconds(1));
            Outcome looping = console.run(Exercise.LIST);
            assertEquals(Outcome.Status.FAILED, looping.status());
            assertTrue(looping.error().startsWith("your listSecretProperties did not finish within 1 s"), looping.error());

            Files.writeString(file, stub);   // the learner undoes it: the next click runs again
            Outcome next = console.run(Exercise.LIST);
            assertEquals(Outcome.Status.NOT_IMPLEMENTED, next.status(), next.error());
        }
    }

    @Test
    void checkMyWorkOnARunawayLoopLeavesNoThreadOrProcessBehind(@TempDir Path root) throws Exception {
        Path exercises = Files.createDirectories(root.resolve("exercises"));
        String stub = Files.readString(LabFixture.root().resolve("exercises/ListSecretProperties.java"));
        // a loop that swallows everything a thread could be stopped with
        Files.writeString(exercises.resolve("ListSecretProperties.java"), stub.replaceFirst(
                "throw new UnsupportedOperationException\\(",
                "long n = 0; while (true) { try { n = (n + 1) % 7; } catch (Throwable ignored) { } } //("));
        CheckView view = new WorkChecker(new LabFolder(root, exercises), null, Duration.ofSeconds(1)).check(Exercise.LIST);
        assertFalse(view.passed());
        assertTrue(view.checks().stream().allMatch(l -> !l.passed()), view.toString());
        assertTrue(view.checks().get(0).message().contains("timed out after 1 s"), view.checks().get(0).message());
        assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive), "a process was left behind");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("kvlab-check-")),
                "a thread of the learner's was left behind");
    }

    @Test
    void aSignatureTheConsoleCannotCallIsOneLine(@TempDir Path root) throws Exception {
        Path exercises = Files.createDirectories(root.resolve("exercises"));
        String stub = Files.readString(LabFixture.root().resolve("exercises/ListSecretProperties.java"));
        Files.writeString(exercises.resolve("ListSecretProperties.java"),
                stub.replace("public static List<SecretSummary> listSecretProperties", "static List<SecretSummary> listSecretProperties"));
        try (LocalVault vault = LocalVault.start()) {
            LabFolder folder = new LabFolder(root, exercises);
            Outcome outcome = new LabConsole(folder, Lab.client(vault), "test", new WorkChecker(folder)).run(Exercise.LIST);
            assertEquals("ListSecretProperties has no public static listSecretProperties with 1 parameter(s). Keep the signature "
                    + "the exercise came with (see exercises/ListSecretProperties.java).", outcome.error());
        }
    }
}
