package dev.kvlab.vault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.RawHttps;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
}
