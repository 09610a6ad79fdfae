package dev.kvlab.vault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.RawHttps;
import dev.kvlab.vault.identity.TokenService;
import dev.kvlab.vault.tls.CertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests the SDK would never send still get Azure's error envelope, and the server keeps serving. */
class RequestLimitsTest {
    static LocalVault vault;
    static SSLContext tls;

    @BeforeAll
    static void start() {
        vault = LocalVault.start();
        tls = RawHttps.trusting(vault.caCertificatePem());
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    private static Map<String, String> signedIn() {
        return Map.of("Authorization", "Bearer " + vault.issueToken(LocalAuthority.LAB_USER).token(),
                "Content-Type", "application/json");
    }

    @Test
    void oversizedBodyIsRefusedWith413AndTheServerKeepsServing() throws Exception {
        byte[] body = new byte[VaultServer.MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) 'a');
        RawHttps.Response response = RawHttps.send(tls, vault.port(), "kvlab.localhost", "PUT",
                "/secrets/big?api-version=2025-07-01", signedIn(), body);
        assertEquals(413, response.status());
        assertTrue(response.body().contains("\"code\":\"RequestEntityTooLarge\""), response.body());
        assertTrue(response.header("Content-Type").startsWith("application/json"));
        assertEquals(200, RawHttps.send(tls, vault.port(), "kvlab.localhost", "GET",
                "/secrets/openai-api-key/?api-version=2025-07-01", signedIn(), null).status());
    }

    @Test
    void malformedJsonIsABadRequestWithoutAStackTrace() throws Exception {
        RawHttps.Response response = RawHttps.send(tls, vault.port(), "kvlab.localhost", "PUT",
                "/secrets/x?api-version=2025-07-01", signedIn(), "{\"value\": ".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.status());
        assertFalse(response.body().contains("at dev.kvlab"), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @Test
    void aFailureInsideTheVaultIsA500WithoutAStackTraceAndServingGoesOn() throws Exception {
        TokenService tokens = vault.tokenService();
        SSLContext serverTls = CertificateAuthority.generate().issueServerCertificate(List.of("kvlab")).serverContext();
        // a stand-in for a bug in the secrets service
        try (VaultServer broken = VaultServer.start(0, serverTls, tokens::verify, name -> true, "kvlab", request -> {
            throw new IllegalStateException("boom at dev.kvlab.vault.Somewhere");
        })) {
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, new javax.net.ssl.TrustManager[] {new TrustingAnything()}, null);
            for (int i = 0; i < 2; i++) {
                RawHttps.Response response = RawHttps.send(client, broken.port(), "127.0.0.1", "GET",
                        "/secrets?api-version=2025-07-01", Map.of(), null);
                assertEquals(500, response.status());
                assertTrue(response.body().contains("\"code\":\"InternalError\""), response.body());
                assertFalse(response.body().contains("boom"), response.body());
                assertFalse(response.body().contains("Exception"), response.body());
            }
        }
    }

    /** The broken server has a certificate of a CA nobody trusts; this test is about its answers, not TLS. */
    private static final class TrustingAnything implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
