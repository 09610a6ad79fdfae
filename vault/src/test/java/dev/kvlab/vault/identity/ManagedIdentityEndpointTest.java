package dev.kvlab.vault.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.vault.Caller;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.VaultClock;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The App Service managed-identity protocol, as msal4j (under azure-identity's ManagedIdentityCredential) speaks it. */
class ManagedIdentityEndpointTest {
    static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    static LocalVault vault;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        vault = LocalVault.builder().clock(VaultClock.fixed(NOW)).start();
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    private record Answer(int statusCode, String body) {
    }

    /** HttpURLConnection, not java.net.http: that one reads its restricted-header setting once per JVM. */
    static Answer get(String query, String header) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(vault.identityEndpoint() + "?" + query)
                .toURL().openConnection();
        if (header != null) {
            connection.setRequestProperty(ManagedIdentityEndpoint.SECRET_HEADER, header);
        }
        int status = connection.getResponseCode();
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            return new Answer(status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String resource(String resource) {
        return "resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8) + "&api-version=2019-08-01";
    }

    @Test
    void endpointIsPlainHttpOnLoopback() {
        assertEquals("http", vault.identityEndpoint().getScheme());
        assertEquals("127.0.0.1", vault.identityEndpoint().getHost());
        assertEquals(ManagedIdentityEndpoint.PATH, vault.identityEndpoint().getPath());
    }

    @Test
    void answersWithATokenForLabUser() throws Exception {
        Answer response = get(resource(LocalAuthority.RESOURCE), vault.identityHeader());
        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(LocalAuthority.RESOURCE, body.get("resource").asText());
        assertEquals(LocalAuthority.LAB_USER, body.get("client_id").asText());
        // expires_on is epoch seconds as a string, by the vault clock
        assertTrue(body.get("expires_on").isTextual());
        assertEquals(NOW.plus(TokenService.LIFETIME).getEpochSecond(), Long.parseLong(body.get("expires_on").asText()));
        assertEquals(new Caller.Authenticated(LocalAuthority.LAB_USER),
                vault.tokenService().verify("Bearer " + body.get("access_token").asText()));
    }

    @Test
    void userAssignedIdentityNamesAnotherPrincipal() throws Exception {
        for (String parameter : new String[] {"client_id", "principal_id", "object_id", "mi_res_id"}) {
            Answer response = get(resource(LocalAuthority.RESOURCE) + "&" + parameter + "=reader",
                    vault.identityHeader());
            assertEquals(200, response.statusCode(), parameter);
            String token = JSON.readTree(response.body()).get("access_token").asText();
            assertEquals(new Caller.Authenticated("reader"), vault.tokenService().verify("Bearer " + token));
        }
    }

    @Test
    void tokenForKeyVaultsOwnResourceIsAccepted() throws Exception {
        Answer response = get(resource("https://vault.azure.net"), vault.identityHeader());
        assertEquals(200, response.statusCode());
        String token = JSON.readTree(response.body()).get("access_token").asText();
        assertEquals(new Caller.Authenticated(LocalAuthority.LAB_USER), vault.tokenService().verify("Bearer " + token));
    }

    @Test
    void tokenForAnotherResourceIsIssuedButTheVaultRefusesIt() throws Exception {
        Answer response = get(resource("https://management.azure.com"), vault.identityHeader());
        assertEquals(200, response.statusCode());
        String token = JSON.readTree(response.body()).get("access_token").asText();
        assertEquals(new Caller.Rejected("InvalidAudience"), vault.tokenService().verify("Bearer " + token));
    }

    @Test
    void missingHeaderIsABadRequest() throws Exception {
        Answer response = get(resource(LocalAuthority.RESOURCE), null);
        assertEquals(400, response.statusCode());
        assertTrue(JSON.readTree(response.body()).get("message").asText().contains("X-IDENTITY-HEADER"));
    }

    @Test
    void wrongHeaderIsUnauthorized() throws Exception {
        assertEquals(401, get(resource(LocalAuthority.RESOURCE), "not-the-secret").statusCode());
    }

    @Test
    void missingResourceOrWrongApiVersionIsABadRequest() throws Exception {
        assertEquals(400, get("api-version=2019-08-01", vault.identityHeader()).statusCode());
        assertEquals(400, get("resource=https%3A%2F%2Flocalhost&api-version=2017-09-01", vault.identityHeader())
                .statusCode());
    }
}
