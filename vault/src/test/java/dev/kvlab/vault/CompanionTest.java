package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
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
        public HttpHandler start(LocalVault vault) {
            return exchange -> {
                byte[] body = ("echo at " + vault.port()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
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
            RawHttps.Response answer = RawHttps.send(tls, vault.port(), "echo.localhost", "GET", "/anything", java.util.Map.of(), null);
            assertEquals(200, answer.status());
            assertEquals("echo at " + vault.port(), answer.body());
            RawHttps.Response secrets = RawHttps.send(tls, vault.port(), "kvlab.localhost", "GET",
                    "/secrets?api-version=7.6", java.util.Map.of(), null);
            assertEquals(401, secrets.status());
            assertEquals(404, RawHttps.send(tls, vault.port(), "other.localhost", "GET", "/", java.util.Map.of(), null).status());
        }
        assertTrue(echo.closed.get());
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
