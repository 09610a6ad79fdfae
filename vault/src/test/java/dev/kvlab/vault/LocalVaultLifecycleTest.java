package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalVaultLifecycleTest {
    /** A lab program that forgets to close its vault. */
    public static final class ForgetfulProgram {
        public static void main(String[] args) {
            LocalVault vault = LocalVault.start();
            vault.identityEndpoint();
            System.out.println("started on " + vault.port());
        }
    }

    @Test
    void anUnclosedVaultDoesNotKeepTheJvmAlive() throws Exception {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ForgetfulProgram.class.getName()))
                .redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }
        assertTrue(exited, "the JVM should end when main returns: " + output);
        assertEquals(0, process.exitValue(), output);
    }

    @Test
    void closeReleasesThePortAndTwiceIsHarmless() throws Exception {
        LocalVault vault = LocalVault.start();
        int port = vault.port();
        vault.close();
        vault.close();
        try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void eachVaultHasItsOwnPort() {
        try (LocalVault one = LocalVault.start(); LocalVault two = LocalVault.start()) {
            assertNotEquals(one.port(), two.port());
            assertEquals(one.caCertificatePem(), two.caCertificatePem(), "embedded vaults share the JVM's CA");
        }
    }
}
