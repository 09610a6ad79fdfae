package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.vault.server.HostHandler;
import dev.kvlab.vault.server.HostRequest;
import dev.kvlab.vault.server.HostResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** Another service on the vault's front under a host name of its own (how the App Configuration store runs). */
class CompanionTest {

    /** Answers every request with its own name; remembers whether it was closed. */
    static class Echo implements Companion {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public String hostName() {
            return "echo";
        }

        @Override
        public HostHandler start(LocalVault vault) {
            return request -> {
                // like a real companion: the body only from a caller that sent credentials, and only 16 bytes of it
                if (request.header("authorization") == null) {
                    return new HostResponse(401, java.util.Map.of("WWW-Authenticate", "Echo"), null);
                }
                if (request.rawPath().equals("/boom")) {
                    throw new IllegalStateException("a bug in the companion");
                }
                String body;
                try {
                    body = new String(request.body(16), StandardCharsets.UTF_8);
                } catch (HostRequest.BodyRefused refused) {
                    return new HostResponse(refused.status(), java.util.Map.of(),
                            ("refused: " + refused.getMessage()).getBytes(StandardCharsets.UTF_8));
                }
                return new HostResponse(200, java.util.Map.of("Content-Type", "text/plain"),
                        ("echo at " + vault.port() + " " + request.method() + " " + request.rawPath() + "?"
                                + request.rawQuery() + " " + body).getBytes(StandardCharsets.UTF_8));
            };
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void theCompanionsHostGoesToItsHandlerAndTheVaultsHostsStayTheVaults() throws Exception {
        Echo echo = new Echo();
        try (LocalVault vault = LocalVault.builder().companion(echo).start()) {
            SSLContext tls = RawHttps.trusting(vault.caCertificatePem());
            // the certificate names echo.localhost: RawHttps checks the host name against it
            RawHttps.Response answer = RawHttps.send(tls, vault.port(), "echo.localhost", "POST", "/any%2Fthing?a=%20b",
                    java.util.Map.of("Authorization", "Echo x"), "hello".getBytes(StandardCharsets.UTF_8));
            assertEquals(200, answer.status());
            assertEquals("echo at " + vault.port() + " POST /any%2Fthing?a=%20b hello", answer.body());
            RawHttps.Response secrets = RawHttps.send(tls, vault.port(), "kvlab.localhost", "GET",
                    "/secrets?api-version=7.6", java.util.Map.of(), null);
            assertEquals(401, secrets.status());
            assertEquals(404, RawHttps.send(tls, vault.port(), "other.localhost", "GET", "/", java.util.Map.of(), null).status());
        }
        assertTrue(echo.closed.get());
    }

    @Test
    void hostileRequestsToTheCompanionEndInClearRefusalsFromTheFrontOrTheCompanion() throws Exception {
        try (LocalVault vault = LocalVault.builder().companion(new Echo()).start()) {
            SSLContext tls = RawHttps.trusting(vault.caCertificatePem());
            // anonymous: refused before the body is read (the front closes the connection rather than read it)
            RawHttps.Response anonymous = RawHttps.send(tls, vault.port(), "echo.localhost", "PUT", "/x",
                    java.util.Map.of(), new byte[200 * 1024]);
            assertEquals(401, anonymous.status());
            // a body over the companion's limit: its own refusal, with the front's reason
            RawHttps.Response tooLarge = RawHttps.send(tls, vault.port(), "echo.localhost", "PUT", "/x",
                    java.util.Map.of("Authorization", "Echo x"), new byte[17]);
            assertEquals(413, tooLarge.status());
            assertTrue(tooLarge.body().startsWith("refused: ") && tooLarge.body().contains("16 bytes"), tooLarge.body());
            // broken chunked framing: the companion is told 400
            RawHttps.Response badChunks = RawHttps.send(tls, vault.port(), "echo.localhost", "PUT", "/x",
                    java.util.Map.of("Authorization", "Echo x", "Transfer-Encoding", "chunked"), null,
                    "zz\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(400, badChunks.status(), badChunks.body());
            // malformed HTTP never reaches the companion: the front answers in Azure's envelope
            RawHttps.Response badHeader = RawHttps.send(tls, vault.port(), "echo.localhost", "GET", "/x",
                    java.util.Map.of("Bad Header", "x"), null);
            assertEquals(400, badHeader.status());
            assertTrue(badHeader.body().contains("\"BadParameter\""), badHeader.body());
            // a bug in the companion: one 500 in Azure's envelope, nothing of the exception's text
            RawHttps.Response boom = RawHttps.send(tls, vault.port(), "echo.localhost", "GET", "/boom",
                    java.util.Map.of("Authorization", "Echo x"), null);
            assertEquals(500, boom.status());
            assertTrue(boom.body().contains("InternalError") && !boom.body().contains("a bug"), boom.body());
        }
    }

    @Test
    void aCompanionNeedsAHostNameOfItsOwn() {
        Companion clash = new Echo() {
            @Override
            public String hostName() {
                return LocalVault.DEFAULT_VAULT;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> LocalVault.builder().companion(clash));
        assertThrows(IllegalArgumentException.class, () -> LocalVault.builder().companion(new Echo()).companion(new Echo()));
    }

    @Test
    void tokensAreVerifiedForTheAudienceTheServiceNames() {
        try (LocalVault vault = LocalVault.start()) {
            String forStore = "Bearer " + vault.tokenService().issue("app", "https://azconfig.io", Duration.ofHours(1)).token();
            String forVault = "Bearer " + vault.issueToken("app").token();
            assertEquals(new Caller.Authenticated("app"), vault.tokenService().verify(forStore, "https://azconfig.io"));
            assertEquals(new Caller.Rejected("InvalidAudience"), vault.tokenService().verify(forStore));
            assertEquals(new Caller.Rejected("InvalidAudience"), vault.tokenService().verify(forVault, "https://azconfig.io"));
            assertInstanceOf(Caller.Authenticated.class, vault.tokenService().verify(forVault));
        }
    }
}
