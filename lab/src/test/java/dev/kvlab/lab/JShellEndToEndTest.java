package dev.kvlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JShell way of docs/jshell.md, typed into JShell's standard input. */
class JShellEndToEndTest {
    @Test
    void theStartFileLoadsTheRuntimeTheLocalVaultAndTheLearnersClass() throws Exception {
        JBang.Run jar = JBang.run("info", "jar", "exercises/RetrieveSecrets.java");
        assertEquals(0, jar.exitCode(), jar.toString());
        String classPath = jar.stdout().strip();
        assertTrue(Files.isRegularFile(Path.of(classPath)), jar.toString());

        Path input = Files.createTempFile("kvlab-jshell-", ".jsh");
        Files.writeString(input, """
                Table.of(RetrieveSecrets.SecretReport.class, List.of()).rowCount()
                client.getSecret("openai-api-key").getProperties().getContentType()
                RetrieveSecrets.retrieveSecrets(client, RetrieveSecrets.SECRET_NAMES)
                /exit
                """);
        JBang.Run run = JBang.runWithInput(input, Map.of("TERM", "dumb"), "--interactive", "--cp", classPath, "exercises/lab.jsh");
        Files.delete(input);
        Leaks.assertNone(run);
        assertTrue(run.stdout().contains("client is a SecretClient for https://kvlab.localhost:"), run.toString());
        assertFalse(run.output().contains("incubator"), "JShell starts without the incubator-modules warning\n" + run);
        assertTrue(run.stdout().contains("==> 0"), run.toString());
        assertTrue(run.stdout().contains("==> \"application/x-api-key\""), run.toString());
        assertTrue(run.stdout().contains("UnsupportedOperationException: RetrieveSecrets: fill in region RETRIEVE_SECRETS"),
                run.toString());
    }
}
