package dev.kvlab.checks.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.kvlab.checks.learner.Calls;
import dev.kvlab.checks.learner.LearnerPool;
import dev.kvlab.runtime.LoopbackTransport;
import dev.kvlab.vault.AuditEvent;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Seed;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code SecretClientBuilder} from {@link CheckVault#builder()} handed to code in the learner's process: the code
 * finishes and builds it, the SDK's challenge handshake runs there, the judge signs every request in and times it.
 */
class LearnerBuilderTest {
    /** Learner code that builds its own client (two retries) and writes and reads through it. */
    private static final String PROBE = """
            package dev.kvlab.exercises;

            import com.azure.core.http.policy.FixedDelayOptions;
            import com.azure.core.http.policy.RetryOptions;
            import com.azure.security.keyvault.secrets.SecretClient;
            import com.azure.security.keyvault.secrets.SecretClientBuilder;
            import java.time.Duration;

            public class Probe {
                public static SecretClient build(SecretClientBuilder builder) {
                    return builder.retryOptions(new RetryOptions(new FixedDelayOptions(2, Duration.ofMillis(1))))
                            .buildClient();
                }

                public static SecretClient buildFor(SecretClientBuilder builder, String url) {
                    return builder.vaultUrl(url).buildClient();
                }

                public static String put(SecretClient client, String name, String value) {
                    return client.setSecret(name, value).getProperties().getVersion();
                }

                public static String get(SecretClient client, String name) {
                    return client.getSecret(name).getValue();
                }
            }
            """;

    @TempDir
    static Path dir;
    private static LocalVault vault;
    private static LearnerSession session;
    private static Learner learner;

    @BeforeAll
    static void start() throws IOException, ClassNotFoundException {
        Path source = dir.resolve("Probe.java");
        Files.writeString(source, PROBE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", dir.toString(), "-cp", System.getProperty("java.class.path"),
                source.toString()));
        byte[] bytes = Files.readAllBytes(dir.resolve("dev/kvlab/exercises/Probe.class"));
        Map<String, byte[]> classes = Map.of("dev.kvlab.exercises.Probe", bytes);
        Class<?> probe = new ClassLoader(LearnerBuilderTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass("dev.kvlab.exercises.Probe", bytes, 0, bytes.length);
            }
        }.define();
        vault = LocalVault.builder().seed(Seed.NONE).start();
        session = new LearnerSession(classes, Duration.ofSeconds(20), 60, LearnerPool.fresh(), null);
        session.beginCheck();
        learner = new Learner(session, probe, Calls.json());
    }

    @AfterAll
    static void stop() {
        session.close();
        vault.close();
    }

    private static CheckVault checkVault() {
        vault.reset();
        return CheckVault.local(vault, LoopbackTransport.httpClient(vault.caCertificatePem()), "b-");
    }

    @Test
    void learnerCodeBuildsAClientThatWritesAndReadsSignedInByTheJudge() {
        CheckVault v = checkVault();
        Object client = learner.call("build", v.builder());
        LearnerObject handle = assertInstanceOf(LearnerObject.class, client, "the client stays in the learner's process");
        String version = learner.call("put", handle, "b-probe", "a value long enough to be a secret");
        assertEquals(version, v.admin().getSecret("b-probe").getProperties().getVersion(),
                "the write arrived with its body (the SDK's first request, without a token, carries none)");
        assertEquals("a value long enough to be a secret", learner.call("get", handle, "b-probe"));
        List<AuditEvent> signedIn = vault.auditLog().events().stream().filter(e -> e.status() != 401).toList();
        assertFalse(signedIn.isEmpty());
        assertTrue(signedIn.stream().allMatch(e -> e.caller().equals(CheckVault.LEARNER)),
                "every request the vault served was signed in as the learner, never with the placeholder: " + signedIn);
    }

    @Test
    void retriesAreTimedAndToldApartByTheThreadThatSentThem() {
        CheckVault v = checkVault();
        LearnerObject client = learner.call("build", v.builder());
        learner.call("put", client, "b-busy", "another value long enough");
        v.requests().clear();
        vault.faults().failNext(2, 429, "SecretGet");
        learner.call("get", client, "b-busy");
        List<RequestLog.Attempt> reads = v.requests().attempts().stream().filter(a -> a.status() != 401).toList();
        assertEquals(List.of(429, 429, 200), reads.stream().map(RequestLog.Attempt::status).toList());
        assertEquals(1, reads.stream().map(RequestLog.Attempt::caller).distinct().count(), "one call, one caller");
        for (int i = 1; i < reads.size(); i++) {
            RequestLog.Attempt before = reads.get(i - 1);
            assertEquals(Duration.ofMillis(20), before.retryAfter(), "an injected 429 asks for retry-after-ms: 20");
            long waited = reads.get(i).sentAt() - before.answeredAt();
            assertTrue(waited >= Duration.ofMillis(19).toNanos(), "the SDK waited the vault's 20 ms, not its own 1 ms: "
                    + waited + " ns");
        }
    }

    @Test
    void onlyTheChecksOwnBuildersCrossIntoTheLearnersProcess() {
        SecretClientBuilder foreign = new SecretClientBuilder().vaultUrl(vault.url().toString());
        assertThrows(IllegalArgumentException.class, () -> learner.call("build", foreign));
    }

    @Test
    void aBuilderPointedElsewhereReachesNothing() {
        CheckVault v = checkVault();
        LearnerObject client = learner.call("buildFor", v.builder(), "https://elsewhere.localhost:" + vault.port() + "/");
        assertThrows(LearnerThrew.class, () -> learner.call("get", client, "b-anything"), "the relay refused it");
        assertEquals(List.of(), v.requests().attempts(), "nothing was forwarded");
    }
}
