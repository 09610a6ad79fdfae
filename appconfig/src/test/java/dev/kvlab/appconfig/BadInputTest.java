package dev.kvlab.appconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the SDK never sends, by hand over HTTPS: each refusal is Azure's status with a problem+json body (or the
 * 401 challenge), never a 500, and nothing in the store changes.
 */
class BadInputTest {
    static LocalAppConfig config;

    @BeforeAll
    static void start() {
        config = LocalAppConfig.start();
    }

    @AfterAll
    static void stop() {
        config.close();
    }

    @BeforeEach
    void reset() {
        config.reset();
    }

    static RawRequest.Response signed(String method, String pathAndQuery) throws IOException {
        return RawRequest.to(config, method, pathAndQuery).signed().send();
    }

    static JsonNode problem(RawRequest.Response response, int status) throws IOException {
        assertEquals(status, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response.toString());
        JsonNode json = SettingJson.MAPPER.readTree(response.body());
        assertEquals(status, json.get("status").asInt());
        assertTrue(json.get("type").asText().startsWith("https://azconfig.io/errors/"), response.body());
        assertNotNull(json.get("detail").asText());
        return json;
    }

    @Test
    void aSignedRequestIsServed() throws IOException {
        RawRequest.Response response = signed("GET", "/kv/sentinel?api-version=2023-11-01");
        assertEquals(200, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("application/vnd.microsoft.appconfig.kv+json"));
        assertNotNull(response.header("ETag"));
        assertNotNull(response.header("Sync-Token"));
    }

    @Test
    void anUnknownOrMissingApiVersionIs400() throws IOException {
        assertEquals("api-version", problem(signed("GET", "/kv?api-version=2099-01-01"), 400).get("name").asText());
        assertEquals("api-version", problem(signed("GET", "/kv/sentinel"), 400).get("name").asText());
    }

    @Test
    void noAuthorizationIs401WithBothSchemesOffered() throws IOException {
        RawRequest.Response response = RawRequest.to(config, "GET", "/kv?api-version=2023-11-01").send();
        assertEquals(401, response.status());
        assertEquals("HMAC-SHA256, Bearer", response.header("WWW-Authenticate"));
        RawRequest.Response basic = RawRequest.to(config, "GET", "/kv?api-version=2023-11-01")
                .header("Authorization", "Basic dXNlcjpwYXNz").send();
        assertEquals(401, basic.status());
    }

    @Test
    void hmacRefusalsNameTheirReason() throws IOException {
        assertChallenge(request -> request.header("Authorization", "HMAC-SHA256 Credential=x"),
                "[SignedHeaders][Signature] is required");
        assertChallenge(request -> request.header("x-ms-date", "yesterday-ish"), "Invalid access token date");
        assertChallenge(request -> request.header("x-ms-date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .withZone(java.time.ZoneOffset.UTC).format(config.clock().now().plusSeconds(1))), "Invalid Signature");
        assertChallenge(request -> request.header("x-ms-content-sha256", HmacAuthentication.contentHash(new byte[] {1})),
                "Invalid Signature");
        assertChallenge(request -> request.header("Authorization", request.toString().isEmpty() ? "" :
                "HMAC-SHA256 Credential=" + config.connectionString().split("Id=")[1].split(";")[0]
                        + "&SignedHeaders=host;x-ms-content-sha256&Signature=AAAA"), "is required as a signed header");
        assertChallenge(request -> request.header("Authorization",
                "HMAC-SHA256 Credential=" + config.connectionString().split("Id=")[1].split(";")[0]
                        + "&SignedHeaders=x-ms-date;host;x-ms-content-sha256;x-custom&Signature=AAAA"),
                "Signed request header 'x-custom' is not provided");
        RawRequest.Response stale = RawRequest.to(config, "GET", "/kv?api-version=2023-11-01")
                .signed(config.connectionString(), config.clock().now().minus(Duration.ofMinutes(20))).send();
        assertTrue(stale.header("WWW-Authenticate").contains("The access token has expired"), stale.toString());
        RawRequest.Response undated = RawRequest.to(config, "GET", "/kv?api-version=2023-11-01").signed()
                .header("x-ms-date", "not a date").send();
        assertEquals(401, undated.status());
    }

    @Test
    void aBodyThatIsNotTheSignedOneIsRefused() throws IOException {
        RawRequest request = RawRequest.to(config, "PUT", "/kv/sentinel?api-version=2023-11-01").body("{\"value\":\"2\"}")
                .signed();
        request.body("{\"value\":\"3\"}"); // swapped after signing: the hash no longer fits
        RawRequest.Response response = request.send();
        assertEquals(401, response.status());
        assertTrue(response.header("WWW-Authenticate").contains("Invalid Signature"));
        assertEquals("1", config.auditLog().events().isEmpty() ? "1" : valueOfSentinel());
    }

    private static String valueOfSentinel() throws IOException {
        return SettingJson.MAPPER.readTree(signed("GET", "/kv/sentinel?api-version=2023-11-01").body()).get("value").asText();
    }

    private static void assertChallenge(UnaryOperator<RawRequest> breakIt, String description) throws IOException {
        RawRequest.Response response = breakIt.apply(RawRequest.to(config, "GET", "/kv?api-version=2023-11-01").signed())
                .send();
        assertEquals(401, response.status(), response.toString());
        assertTrue(response.header("WWW-Authenticate").contains(description), response.header("WWW-Authenticate"));
        assertTrue(response.header("WWW-Authenticate").endsWith(", Bearer"), response.header("WWW-Authenticate"));
    }

    @Test
    void badParametersAre400WithTheParameterNamed() throws IOException {
        assertEquals("key", problem(signed("GET", "/kv?key=a*b&api-version=2023-11-01"), 400).get("name").asText());
        assertEquals("key", problem(signed("GET", "/kv?key=a,b,c,d,e,f&api-version=2023-11-01"), 400).get("name").asText());
        assertEquals("label", problem(signed("GET", "/kv?label=x%5C&api-version=2023-11-01"), 400).get("name").asText());
        assertEquals("$select", problem(signed("GET", "/kv?$select=key,secret&api-version=2023-11-01"), 400)
                .get("name").asText());
        assertEquals("After", problem(signed("GET", "/kv?after=!!!&api-version=2023-11-01"), 400).get("name").asText());
        assertEquals("After", problem(signed("GET", "/revisions?after=bm9wZQ&api-version=2023-11-01"), 400)
                .get("name").asText());
        // a malformed escape in the path or query: the JDK's HTTP server refuses it before the store sees it
        assertEquals(400, signed("GET", "/kv?key=%ZZ&api-version=2023-11-01").status());
        problem(signed("GET", "/kv?api-version=2023-11-01&api-version=1.0"), 400);
        problem(signed("GET", "/kv?tags=novalue&api-version=2023-11-01"), 400);
        assertEquals("key", problem(signed("PUT", "/kv/..?api-version=2023-11-01"), 400).get("name").asText());
        RawRequest.Response badSync = RawRequest.to(config, "GET", "/kv?api-version=2023-11-01")
                .header("Sync-Token", "garbage").signed().send();
        assertEquals("Sync-Token", problem(badSync, 400).get("name").asText());
    }

    @Test
    void badBodiesAreRefusedAndNothingIsStored() throws IOException {
        problem(RawRequest.to(config, "PUT", "/kv/App:X?api-version=2023-11-01").body("{not json").signed().send(), 400);
        problem(RawRequest.to(config, "PUT", "/kv/App:X?api-version=2023-11-01").body("[1,2]").signed().send(), 400);
        problem(RawRequest.to(config, "PUT", "/kv/App:X?api-version=2023-11-01").body("{\"value\":42}").signed().send(), 400);
        problem(RawRequest.to(config, "PUT", "/kv/App:X?api-version=2023-11-01").body("{\"tags\":{\"a\":1}}").signed()
                .send(), 400);
        problem(RawRequest.to(config, "PUT", "/kv/App:X?api-version=2023-11-01").body("{\"value\":\"v\"}")
                .header("Content-Type", "text/plain").signed().send(), 415);
        problem(RawRequest.to(config, "PUT", "/kv/App:X?api-version=2023-11-01").body("{}").signed()
                .declaredLength(300 * 1024).send(), 413);
        assertEquals(404, signed("GET", "/kv/App:X?api-version=2023-11-01").status());
    }

    @Test
    void aCallerWhoMayNotWriteUploadsNothing() throws IOException {
        // a declared 300 KiB body that is never sent: the store answers from the headers alone (not 413, and it
        // does not wait for the body), so an anonymous or badly signed-in client cannot make it read megabytes
        RawRequest.Response anonymous = RawRequest.to(config, "PUT", "/kv/App:X?api-version=2023-11-01").body("{}")
                .declaredLength(300 * 1024).send();
        assertEquals(401, anonymous.status(), anonymous.toString());
        String wrongAudience = config.vault().issueToken("lab-user").token(); // the vault's audience, not the store's
        RawRequest.Response badToken = RawRequest.to(config, "PUT", "/kv/App:X?api-version=2023-11-01").body("{}")
                .header("Authorization", "Bearer " + wrongAudience).declaredLength(300 * 1024).send();
        assertEquals(401, badToken.status(), badToken.toString());
        String noRole = config.vault().tokenService().issue("stranger", ConfigApi.RESOURCE, Duration.ofHours(1)).token();
        problem(RawRequest.to(config, "PUT", "/kv/App:X?api-version=2023-11-01").body("{}")
                .header("Authorization", "Bearer " + noRole).declaredLength(300 * 1024).send(), 403);
        // a signed-in data owner's oversized body is refused by its declared length, and nothing is stored
        config.roles().assign("owner", DataRole.DATA_OWNER);
        String owner = config.vault().tokenService().issue("owner", ConfigApi.RESOURCE, Duration.ofHours(1)).token();
        problem(RawRequest.to(config, "PUT", "/kv/App:X?api-version=2023-11-01").body("{}")
                .header("Authorization", "Bearer " + owner).declaredLength(300 * 1024).send(), 413);
        assertEquals(404, signed("GET", "/kv/App:X?api-version=2023-11-01").status());
    }

    @Test
    void aTagWithANullValueIsKeptAsNull() throws IOException {
        RawRequest.Response set = RawRequest.to(config, "PUT", "/kv/App:Owner?api-version=2023-11-01")
                .body("{\"value\":\"v\",\"tags\":{\"owner\":null}}").signed().send();
        assertEquals(200, set.status(), set.toString());
        JsonNode got = SettingJson.MAPPER.readTree(signed("GET", "/kv/App:Owner?api-version=2023-11-01").body());
        assertTrue(got.get("tags").has("owner"));
        assertTrue(got.get("tags").get("owner").isNull());
    }

    @Test
    void unknownPathsAndMethodsAre404And405() throws IOException {
        problem(signed("GET", "/secrets/openai-api-key?api-version=2023-11-01"), 404);
        problem(signed("POST", "/kv/sentinel?api-version=2023-11-01"), 405);
        problem(signed("DELETE", "/kv?api-version=2023-11-01"), 405);
        problem(signed("GET", "/locks/sentinel?api-version=2023-11-01"), 405);
        problem(signed("GET", "/kv/missing?api-version=2023-11-01"), 404);
    }

    @Test
    void headRequestsAnswerLikeGetsWithoutABody() throws IOException {
        RawRequest.Response head = signed("HEAD", "/kv/sentinel?api-version=2023-11-01");
        assertEquals(200, head.status());
        assertNotNull(head.header("ETag"));
        assertEquals("", head.body());
    }

    @Test
    void theAuditLogNamesEveryCallerAndNeverAValue() throws IOException {
        signed("GET", "/kv/OpenAI:ApiKey?api-version=2023-11-01");
        RawRequest.to(config, "GET", "/kv?api-version=2023-11-01").send();
        var events = config.auditLog().events();
        assertEquals(2, events.size());
        assertTrue(events.get(0).caller().startsWith("hmac:kvlab-rw-"), events.toString());
        assertEquals("GetKeyValue", events.get(0).operation());
        assertEquals("OpenAI:ApiKey", events.get(0).key());
        assertEquals("(anonymous)", events.get(1).caller());
        assertEquals(401, events.get(1).status());
        assertTrue(events.toString().indexOf("openai-api-key") < 0, events.toString());
        assertNull(events.get(1).key());
    }
}
