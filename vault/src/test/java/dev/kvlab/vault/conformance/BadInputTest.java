package dev.kvlab.vault.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.VaultClock;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests no SDK would send, over real HTTPS with the JDK's client: each gets Azure's status and error code in
 * Azure's envelope, never a 5xx or a stack trace, and the vault keeps serving afterwards.
 */
class BadInputTest {
    static {
        // the JDK client refuses to set Host unless told; the second vault is addressed by its host name
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static LocalVault vault;
    static HttpClient http;
    static String token;
    static String expiredToken;
    static String backup;

    @BeforeAll
    static void start() throws Exception {
        vault = LocalVault.builder().vault("other").clock(VaultClock.fixed(Instant.now())).start();
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("kvlab-ca", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(vault.caCertificatePem().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        expiredToken = vault.issueToken("lab-user").token();
        vault.clock().advance(Duration.ofHours(2));
        token = vault.issueToken("lab-user").token();
        HttpResponse<String> b = send("POST", "/secrets/openai-api-key/backup?api-version=7.6", "", token);
        backup = JSON.readTree(b.body()).get("value").asText();
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    /** One bad request and Azure's answer to it. */
    record Case(String what, String method, String target, String body, String token, int status, String code) {
        @Override
        public String toString() {
            return what;
        }
    }

    static final String V = "?api-version=7.6";

    static Stream<Case> badRequests() {
        List<Case> cases = new ArrayList<>();
        String t = "valid";
        // malformed bodies
        cases.add(new Case("malformed JSON", "PUT", "/secrets/a" + V, "{\"value\":", t, 400, "BadParameter"));
        cases.add(new Case("JSON array body", "PUT", "/secrets/a" + V, "[1,2]", t, 400, "BadParameter"));
        cases.add(new Case("empty body on set", "PUT", "/secrets/a" + V, "", t, 400, "BadParameter"));
        cases.add(new Case("no value", "PUT", "/secrets/a" + V, "{\"contentType\":\"x\"}", t, 400, "BadParameter"));
        cases.add(new Case("numeric value", "PUT", "/secrets/a" + V, "{\"value\":5}", t, 400, "BadParameter"));
        cases.add(new Case("tags as array", "PUT", "/secrets/a" + V, "{\"value\":\"x\",\"tags\":[1]}", t, 400, "BadParameter"));
        cases.add(new Case("numeric tag value", "PUT", "/secrets/a" + V, "{\"value\":\"x\",\"tags\":{\"a\":1}}", t, 400, "BadParameter"));
        cases.add(new Case("enabled as text", "PUT", "/secrets/a" + V,
                "{\"value\":\"x\",\"attributes\":{\"enabled\":\"yes\"}}", t, 400, "BadParameter"));
        cases.add(new Case("exp as text", "PUT", "/secrets/a" + V,
                "{\"value\":\"x\",\"attributes\":{\"exp\":\"tomorrow\"}}", t, 400, "BadParameter"));
        cases.add(new Case("attributes as text", "PUT", "/secrets/a" + V,
                "{\"value\":\"x\",\"attributes\":\"on\"}", t, 400, "BadParameter"));
        cases.add(new Case("malformed update", "PATCH", "/secrets/openai-api-key/" + V, "{{", t, 400, "BadParameter"));
        cases.add(new Case("binary junk", "PUT", "/secrets/a" + V, "\u0000\u0001\u00ff", t, 400, "BadParameter"));
        // limits
        cases.add(new Case("value over 25 KB", "PUT", "/secrets/a" + V,
                "{\"value\":\"" + "x".repeat(25 * 1024 + 1) + "\"}", t, 400, "BadParameter"));
        cases.add(new Case("content type over 255", "PUT", "/secrets/a" + V,
                "{\"value\":\"x\",\"contentType\":\"" + "c".repeat(256) + "\"}", t, 400, "BadParameter"));
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            tags.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":\"v\"");
        }
        cases.add(new Case("16 tags", "PUT", "/secrets/a" + V, "{\"value\":\"x\",\"tags\":{" + tags + "}}", t, 400, "BadParameter"));
        cases.add(new Case("tag value over 512", "PUT", "/secrets/a" + V,
                "{\"value\":\"x\",\"tags\":{\"a\":\"" + "v".repeat(513) + "\"}}", t, 400, "BadParameter"));
        cases.add(new Case("tag name over 512", "PUT", "/secrets/a" + V,
                "{\"value\":\"x\",\"tags\":{\"" + "k".repeat(513) + "\":\"v\"}}", t, 400, "BadParameter"));
        // names
        cases.add(new Case("underscore in name", "PUT", "/secrets/bad_name" + V, "{\"value\":\"x\"}", t, 400, "BadParameter"));
        cases.add(new Case("128-character name", "GET", "/secrets/" + "n".repeat(128) + "/" + V, null, t, 400, "BadParameter"));
        cases.add(new Case("non-ASCII name", "GET", "/secrets/%E2%9C%93/" + V, null, t, 400, "BadParameter"));
        cases.add(new Case("space in name", "GET", "/secrets/a%20b/" + V, null, t, 400, "BadParameter"));
        cases.add(new Case("bad deleted name", "GET", "/deletedsecrets/a.b" + V, null, t, 400, "BadParameter"));
        // methods and paths
        cases.add(new Case("POST a secret", "POST", "/secrets/a" + V, "{}", t, 405, "MethodNotAllowed"));
        cases.add(new Case("PUT with an empty name", "PUT", "/secrets/" + V, "{\"value\":\"x\"}", t, 405, "MethodNotAllowed"));
        cases.add(new Case("DELETE the collection", "DELETE", "/secrets" + V, null, t, 405, "MethodNotAllowed"));
        cases.add(new Case("PUT a version", "PUT", "/secrets/a/versions" + V, "{}", t, 405, "MethodNotAllowed"));
        cases.add(new Case("PATCH a deleted secret", "PATCH", "/deletedsecrets/a" + V, "{}", t, 405, "MethodNotAllowed"));
        cases.add(new Case("keys are not served", "GET", "/keys" + V, null, t, 404, "NotFound"));
        cases.add(new Case("root", "GET", "/" + V, null, t, 404, "NotFound"));
        cases.add(new Case("too deep", "GET", "/secrets/a/b/c" + V, null, t, 404, "NotFound"));
        cases.add(new Case("deep deleted", "GET", "/deletedsecrets/a/b" + V, null, t, 404, "NotFound"));
        // tokens
        cases.add(new Case("no token", "GET", "/secrets/openai-api-key/" + V, null, null, 401, "Unauthorized"));
        cases.add(new Case("junk token", "GET", "/secrets/openai-api-key/" + V, null, "junk", 401, "Unauthorized"));
        cases.add(new Case("expired token", "GET", "/secrets/openai-api-key/" + V, null, "expired", 401, "Unauthorized"));
        cases.add(new Case("tampered token", "GET", "/secrets/openai-api-key/" + V, null, "tampered", 401, "Unauthorized"));
        // api-versions and query strings
        cases.add(new Case("no api-version", "GET", "/secrets/openai-api-key/", null, t, 400, "BadParameter"));
        cases.add(new Case("unknown api-version", "GET", "/secrets/openai-api-key/?api-version=7.9", null, t, 400, "BadParameter"));
        cases.add(new Case("junk api-version", "GET", "/secrets?api-version=abc", null, t, 400, "BadParameter"));
        cases.add(new Case("empty api-version", "GET", "/secrets?api-version=", null, t, 400, "BadParameter"));
        cases.add(new Case("maxresults 0", "GET", "/secrets" + V + "&maxresults=0", null, t, 400, "BadParameter"));
        cases.add(new Case("maxresults 26", "GET", "/secrets" + V + "&maxresults=26", null, t, 400, "BadParameter"));
        cases.add(new Case("maxresults text", "GET", "/deletedsecrets" + V + "&maxresults=many", null, t, 400, "BadParameter"));
        cases.add(new Case("forged skiptoken", "GET", "/secrets" + V + "&$skiptoken=Zm9yZ2Vk", null, t, 400, "BadParameter"));
        // backups
        cases.add(new Case("tampered backup", "POST", "/secrets/restore" + V, "{\"value\":\"TAMPERED\"}", t, 400,
                "Malformed backup blob"));
        cases.add(new Case("truncated backup", "POST", "/secrets/restore" + V, "{\"value\":\"TRUNCATED\"}", t, 400,
                "Malformed backup blob"));
        cases.add(new Case("not base64 backup", "POST", "/secrets/restore" + V, "{\"value\":\"#!?\"}", t, 400,
                "Malformed backup blob"));
        cases.add(new Case("numeric backup", "POST", "/secrets/restore" + V, "{\"value\":5}", t, 400, "BadParameter"));
        cases.add(new Case("restore without body", "POST", "/secrets/restore" + V, "", t, 400, "BadParameter"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void aBadRequestGetsAzuresStatusAndCode(Case c) throws Exception {
        HttpResponse<String> r = send(c.method, c.target, body(c.body), token(c.token));
        assertEquals(c.status, r.statusCode(), r.body());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertNotNull(error, r.body());
        assertEquals(c.code, error.get("code").asText());
        assertFalse(error.get("message").asText().isBlank());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace: " + r.body());
        if (c.status == 401) {
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer authorization=\""));
        }
        if (c.code.equals("MethodNotAllowed")) {
            assertTrue(r.headers().firstValue("Allow").isPresent());
        }
    }

    @Test
    void anExpiredTokenSaysSo() throws Exception {
        HttpResponse<String> r = send("GET", "/secrets/openai-api-key/" + V, null, expiredToken);
        assertTrue(JSON.readTree(r.body()).path("error").path("message").asText().contains("TokenExpired"));
    }

    @Test
    void eachVaultIsAddressedByItsHostName() throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create("https://localhost:" + vault.port()
                        + "/secrets/only-here" + V))
                .header("Host", "other.localhost:" + vault.port())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"o\"}"));
        HttpResponse<String> r = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).get("id").asText()
                .startsWith("https://other.localhost:" + vault.port() + "/secrets/only-here/"));
        assertEquals(404, send("GET", "/secrets/only-here/" + V, null, token).statusCode());
    }

    @AfterEach
    void theVaultKeepsServing() throws Exception {
        HttpResponse<String> r = send("GET", "/secrets/openai-api-key/" + V, null, token);
        assertEquals(200, r.statusCode(), r.body());
    }

    private static String body(String body) {
        if (body == null) {
            return null;
        }
        if (body.contains("TAMPERED")) {
            char flipped = backup.charAt(30) == 'A' ? 'B' : 'A';
            return body.replace("TAMPERED", backup.substring(0, 30) + flipped + backup.substring(31));
        }
        return body.replace("TRUNCATED", backup.substring(0, backup.length() / 2));
    }

    private static String token(String which) {
        if (which == null) {
            return null;
        }
        return switch (which) {
            case "valid" -> token;
            case "expired" -> expiredToken;
            case "tampered" -> token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
            default -> which;
        };
    }

    static HttpResponse<String> send(String method, String target, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + vault.port() + target))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
