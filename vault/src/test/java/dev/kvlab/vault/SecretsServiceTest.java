package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The secrets data plane through {@link VaultService#handle}: shapes, semantics and limits as Azure has them. */
class SecretsServiceTest {
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    final VaultClock clock = VaultClock.fixed(START);
    final VaultService service = VaultService.builder().clock(clock).build();
    final ServiceCalls calls = new ServiceCalls(service);

    @Test
    void seededLabSecretsMatchTheSetupScripts() {
        JsonNode s = calls.get("/secrets/openai-api-key/").json();
        assertEquals("sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq", s.get("value").asText());
        assertEquals("application/x-api-key", s.get("contentType").asText());
        assertEquals("openai", s.path("tags").path("service").asText());
        assertEquals("development", s.path("tags").path("environment").asText());
        assertEquals(START.plus(Duration.ofDays(180)).getEpochSecond(), s.path("attributes").path("exp").asLong());
        assertEquals(200, calls.get("/secrets/cosmosdb-connection-string/").status());
        VaultService empty = VaultService.builder().seed(Seed.NONE).build();
        assertEquals(404, new ServiceCalls(empty).get("/secrets/openai-api-key/").status());
    }

    @Test
    void setAnswersTheFullBundleInAzureShape() {
        ServiceCalls.Response r = calls.put("/secrets/db-password",
                "{\"value\":\"s3cret\",\"contentType\":\"text/plain\",\"tags\":{\"team\":\"lab\"},"
                        + "\"attributes\":{\"exp\":1900000000,\"nbf\":1700000000}}");
        assertEquals(200, r.status());
        assertEquals("application/json; charset=utf-8", r.header("Content-Type"));
        assertTrue(r.header("x-ms-request-id").matches("[0-9a-f-]{36}"));
        assertTrue(r.header("x-ms-keyvault-service-version") != null);
        JsonNode b = r.json();
        assertEquals("s3cret", b.get("value").asText());
        assertTrue(b.get("id").asText().matches("https://kvlab\\.localhost:8443/secrets/db-password/[0-9a-f]{32}"));
        assertEquals("text/plain", b.get("contentType").asText());
        assertEquals("lab", b.path("tags").path("team").asText());
        JsonNode a = b.get("attributes");
        assertTrue(a.get("enabled").asBoolean());
        assertEquals(START.getEpochSecond(), a.get("created").asLong());
        assertTrue(a.get("created").isIntegralNumber(), "times are epoch seconds");
        assertEquals(START.getEpochSecond(), a.get("updated").asLong());
        assertEquals(1900000000, a.get("exp").asLong());
        assertEquals(1700000000, a.get("nbf").asLong());
        assertEquals("Recoverable+Purgeable", a.get("recoveryLevel").asText());
        assertEquals(90, a.get("recoverableDays").asInt());
        assertFalse(b.has("kid") || b.has("managed"), "kid and managed belong to certificate-backed secrets only");
    }

    @Test
    void absentFieldsAreOmittedAndEmptyValuesAccepted() {
        JsonNode b = calls.put("/secrets/empty", "{\"value\":\"\"}").json();
        assertEquals("", b.get("value").asText());
        assertFalse(b.has("contentType"));
        assertFalse(b.has("tags"));
        assertFalse(b.get("attributes").has("exp"));
        assertFalse(b.get("attributes").has("nbf"));
    }

    @Test
    void everySetMakesANewVersionAndOldVersionsStayReadable() {
        String v1 = calls.set("rotating", "one");
        clock.advance(Duration.ofSeconds(5));
        String v2 = calls.set("rotating", "two");
        assertFalse(v1.equals(v2));
        assertEquals("two", calls.get("/secrets/rotating/").json().get("value").asText());
        assertEquals("two", calls.get("/secrets/rotating").json().get("value").asText());
        assertEquals("one", calls.get("/secrets/rotating/" + v1).json().get("value").asText());
        assertEquals("SecretNotFound", calls.get("/secrets/rotating/0123456789abcdef0123456789abcdef").code());
        JsonNode versions = calls.get("/secrets/rotating/versions").json().get("value");
        assertEquals(2, versions.size());
        assertTrue(versions.get(0).get("id").asText().endsWith("/" + v1));
        assertFalse(versions.get(0).has("value"));
    }

    @Test
    void versionsOfANameTheVaultDoesNotHoldAreAnEmptyList() {
        ServiceCalls.Response r = calls.get("/secrets/never-set/versions");
        assertEquals(200, r.status());
        assertEquals(0, r.json().get("value").size());
        assertTrue(r.json().get("nextLink").isNull());
    }

    @Test
    void namesAreCaseInsensitive() {
        calls.set("MixedCase", "x");
        assertEquals("x", calls.get("/secrets/mixedcase/").json().get("value").asText());
        assertTrue(calls.get("/secrets/MIXEDCASE/").json().get("id").asText().contains("/secrets/MixedCase/"));
    }

    @Test
    void updateChangesPropertiesAndAnswersWithoutTheValue() {
        String v = calls.set("app-key", "k1");
        clock.advance(Duration.ofMinutes(1));
        ServiceCalls.Response r = calls.patch("/secrets/app-key/" + v,
                "{\"contentType\":\"application/x-api-key\",\"tags\":{\"rotated\":\"no\"},\"attributes\":{\"enabled\":false}}");
        assertEquals(200, r.status());
        JsonNode b = r.json();
        assertFalse(b.has("value"));
        assertEquals("application/x-api-key", b.get("contentType").asText());
        assertEquals("no", b.path("tags").path("rotated").asText());
        assertFalse(b.path("attributes").path("enabled").asBoolean());
        assertEquals(START.plusSeconds(60).getEpochSecond(), b.path("attributes").path("updated").asLong());
        assertEquals(START.getEpochSecond(), b.path("attributes").path("created").asLong());
        // an empty version in the path updates the latest
        assertEquals(200, calls.patch("/secrets/app-key/", "{\"attributes\":{\"enabled\":true}}").status());
        assertEquals("k1", calls.get("/secrets/app-key/").json().get("value").asText());
    }

    @Test
    void disabledVersionCannotBeReadButStaysListed() {
        String v = calls.set("off", "hidden");
        calls.patch("/secrets/off/" + v, "{\"attributes\":{\"enabled\":false}}");
        ServiceCalls.Response r = calls.get("/secrets/off/" + v);
        assertEquals(403, r.status());
        assertEquals("Forbidden", r.code());
        assertEquals("SecretDisabled", r.innerCode());
        assertEquals(403, calls.get("/secrets/off/").status());
        assertFalse(r.text().contains("hidden"));
        JsonNode items = calls.get("/secrets").json().get("value");
        boolean listed = false;
        for (JsonNode i : items) {
            listed |= i.get("id").asText().endsWith("/secrets/off") && !i.path("attributes").path("enabled").asBoolean();
        }
        assertTrue(listed);
    }

    @Test
    void expiryAndNotBeforeAreInformational() {
        long past = START.minus(Duration.ofDays(1)).getEpochSecond();
        long future = START.plus(Duration.ofDays(1)).getEpochSecond();
        calls.put("/secrets/expired", "{\"value\":\"old\",\"attributes\":{\"exp\":" + past + "}}");
        calls.put("/secrets/early", "{\"value\":\"new\",\"attributes\":{\"nbf\":" + future + "}}");
        assertEquals("old", calls.get("/secrets/expired/").json().get("value").asText());
        assertEquals("new", calls.get("/secrets/early/").json().get("value").asText());
    }

    @Test
    void listShowsLatestPropertiesWithoutValuesOrVersions() {
        calls.set("b-secret", "1");
        calls.set("b-secret", "2");
        JsonNode body = calls.get("/secrets").json();
        assertTrue(body.has("nextLink") && body.get("nextLink").isNull());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : body.get("value")) {
            assertFalse(item.has("value"));
            assertTrue(item.path("attributes").has("recoveryLevel"));
            ids.add(item.get("id").asText());
        }
        assertEquals(List.of("https://kvlab.localhost:8443/secrets/b-secret",
                "https://kvlab.localhost:8443/secrets/cosmosdb-connection-string",
                "https://kvlab.localhost:8443/secrets/openai-api-key"), ids);
    }

    @Test
    void pagingFollowsOpaqueNextLinksToTheEnd() {
        VaultService empty = VaultService.builder().seed(Seed.NONE).build();
        ServiceCalls c = new ServiceCalls(empty);
        for (int i = 0; i < 60; i++) {
            c.set(String.format("s%02d", i), "v");
        }
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String next = "/secrets?maxresults=7";
        while (next != null) {
            JsonNode page = c.get(next).json();
            pages++;
            page.get("value").forEach(i -> seen.add(i.get("id").asText()));
            next = page.get("nextLink").isNull() ? null : page.get("nextLink").asText();
            if (next != null) {
                assertTrue(next.startsWith("https://kvlab.localhost:8443/secrets?api-version=7.6&$skiptoken="), next);
                assertFalse(next.contains("s0"), "the token is opaque");
            }
        }
        assertEquals(60, seen.size());
        assertEquals(9, pages);
        assertEquals(25, c.get("/secrets").json().get("value").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "26", "-1", "ten"})
    void maxResultsOutsideOneToTwentyFiveIsABadParameter(String max) {
        ServiceCalls.Response r = calls.get("/secrets?maxresults=" + max);
        assertEquals(400, r.status());
        assertEquals("BadParameter", r.code());
    }

    @Test
    void aSkipTokenWeDidNotIssueIsABadParameter() {
        assertEquals("BadParameter", calls.get("/secrets?$skiptoken=bm90LW91cnM").code());
        assertEquals("BadParameter", calls.get("/secrets?$skiptoken=%%%").code());
    }

    @Test
    void deleteKeepsTheSecretRecoverableForTheRetentionPeriod() {
        String v = calls.set("gone", "bye");
        ServiceCalls.Response d = calls.delete("/secrets/gone");
        assertEquals(200, d.status());
        JsonNode b = d.json();
        assertFalse(b.has("value"), "Azure puts no value in deleted bundles");
        assertEquals("https://kvlab.localhost:8443/deletedsecrets/gone", b.get("recoveryId").asText());
        assertEquals(START.getEpochSecond(), b.get("deletedDate").asLong());
        assertEquals(START.plus(Duration.ofDays(90)).getEpochSecond(), b.get("scheduledPurgeDate").asLong());
        assertTrue(b.get("id").asText().endsWith("/secrets/gone/" + v));
        assertEquals("Recoverable+Purgeable", b.path("attributes").path("recoveryLevel").asText());

        assertEquals("SecretNotFound", calls.get("/secrets/gone/").code());
        assertEquals(200, calls.get("/deletedsecrets/gone").status());
        JsonNode deletedItems = calls.get("/deletedsecrets").json().get("value");
        assertEquals(1, deletedItems.size());
        assertEquals("https://kvlab.localhost:8443/secrets/gone", deletedItems.get(0).get("id").asText());
        assertTrue(deletedItems.get(0).has("scheduledPurgeDate"));

        ServiceCalls.Response again = calls.put("/secrets/gone", "{\"value\":\"new\"}");
        assertEquals(409, again.status());
        assertEquals("Conflict", again.code());
        assertEquals("ObjectIsDeletedButRecoverable", again.innerCode());

        ServiceCalls.Response recovered = calls.post("/deletedsecrets/gone/recover", null);
        assertEquals(200, recovered.status());
        assertFalse(recovered.json().has("value"));
        assertEquals("bye", calls.get("/secrets/gone/" + v).json().get("value").asText());
        assertEquals("SecretNotFound", calls.get("/deletedsecrets/gone").code());
    }

    @Test
    void purgeRemovesADeletedSecretForGood() {
        calls.set("temp", "t");
        assertEquals(404, calls.delete("/deletedsecrets/temp").status());
        calls.delete("/secrets/temp");
        ServiceCalls.Response p = calls.delete("/deletedsecrets/temp");
        assertEquals(204, p.status());
        assertEquals(0, p.raw().body().length);
        assertNull(p.header("Content-Type"));
        assertEquals(404, calls.get("/deletedsecrets/temp").status());
        assertEquals(200, calls.put("/secrets/temp", "{\"value\":\"reborn\"}").status());
    }

    @Test
    void scheduledPurgeHappensWhenTheClockPassesIt() {
        calls.set("short-lived", "x");
        calls.delete("/secrets/short-lived");
        clock.advance(Duration.ofDays(90).minusSeconds(1));
        assertEquals(200, calls.get("/deletedsecrets/short-lived").status());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(404, calls.get("/deletedsecrets/short-lived").status());
        assertEquals(200, calls.put("/secrets/short-lived", "{\"value\":\"y\"}").status());
    }

    @Test
    void retentionAndPurgeProtectionArePerVault() {
        VaultService s = VaultService.builder().clock(clock).vaults(List.of("kvlab", "strict"))
                .retentionDays("strict", 7).purgeProtection("strict", true).build();
        ServiceCalls strict = new ServiceCalls(s).vault("strict");
        strict.set("guarded", "g");
        JsonNode d = strict.delete("/secrets/guarded").json();
        assertEquals(START.plus(Duration.ofDays(7)).getEpochSecond(), d.get("scheduledPurgeDate").asLong());
        assertEquals("CustomizedRecoverable", d.path("attributes").path("recoveryLevel").asText());
        assertEquals(7, d.path("attributes").path("recoverableDays").asInt());
        ServiceCalls.Response purge = strict.delete("/deletedsecrets/guarded");
        assertEquals(403, purge.status());
        assertEquals("Forbidden", purge.code());
        clock.advance(Duration.ofDays(7));
        assertEquals(404, strict.get("/deletedsecrets/guarded").status());
        // the seed goes to the default vault only
        assertEquals(404, strict.get("/secrets/openai-api-key/").status());
    }

    @Test
    void backupAndRestoreBringBackEveryVersion() {
        String v1 = calls.set("portable", "first");
        String v2 = calls.set("portable", "second");
        String blob = calls.post("/secrets/portable/backup", null).json().get("value").asText();
        assertTrue(blob.matches("[A-Za-z0-9_-]+"), "base64url");
        assertFalse(blob.contains("first"));
        assertEquals(409, calls.post("/secrets/restore", "{\"value\":\"" + blob + "\"}").status());
        calls.delete("/secrets/portable");
        assertEquals("ObjectIsDeletedButRecoverable",
                calls.post("/secrets/restore", "{\"value\":\"" + blob + "\"}").innerCode());
        calls.delete("/deletedsecrets/portable");
        ServiceCalls.Response r = calls.post("/secrets/restore", "{\"value\":\"" + blob + "\"}");
        assertEquals(200, r.status());
        assertFalse(r.json().has("value"));
        assertTrue(r.json().get("id").asText().endsWith("/" + v2));
        assertEquals("first", calls.get("/secrets/portable/" + v1).json().get("value").asText());
        assertEquals(2, calls.get("/secrets/portable/versions").json().get("value").size());
    }

    @Test
    void aTamperedBackupIsMalformedNeverACrash() {
        calls.set("portable", "value");
        String blob = calls.post("/secrets/portable/backup", null).json().get("value").asText();
        calls.delete("/secrets/portable");
        calls.delete("/deletedsecrets/portable");
        char flipped = blob.charAt(40) == 'A' ? 'B' : 'A';
        String tampered = blob.substring(0, 40) + flipped + blob.substring(41);
        for (String bad : List.of(tampered, blob.substring(0, blob.length() - 4), "not*base64", "", "QUJD")) {
            ServiceCalls.Response r = calls.post("/secrets/restore", "{\"value\":\"" + bad + "\"}");
            assertEquals(400, r.status(), bad);
            assertEquals("Malformed backup blob", r.code());
        }
        assertEquals("BadParameter", calls.post("/secrets/restore", "{}").code());
        assertEquals(404, calls.get("/secrets/portable/").status());
    }

    @Test
    void backupHoldsAtMostFiveHundredVersions() {
        for (int i = 0; i < 501; i++) {
            if (i % 250 == 0) {
                clock.advance(Duration.ofSeconds(10)); // a new throttling window: 300 creates per 10 s
            }
            calls.set("busy", "v" + i);
        }
        ServiceCalls.Response r = calls.post("/secrets/busy/backup", null);
        assertEquals(400, r.status());
        assertEquals("BadParameter", r.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2016-10-01", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01", "2026-04-01"})
    void everySupportedApiVersionIsServed(String version) {
        JsonNode b = calls.api(version).get("/secrets/openai-api-key/").json();
        assertTrue(b.has("value"));
        assertEquals(!version.equals("7.0") && !version.equals("2016-10-01"), b.path("attributes").has("recoverableDays"));
        assertTrue(b.path("attributes").has("recoveryLevel"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7.7", "8.0", "2024-01-01", "latest", ""})
    void anUnknownApiVersionIsABadParameter(String version) {
        ServiceCalls.Response r = calls.api(null).get("/secrets/openai-api-key/?api-version=" + version);
        assertEquals(400, r.status());
        assertEquals("BadParameter", r.code());
    }

    @Test
    void aBrokenQueryEscapeIsABadParameter() {
        // no JDK client can send this (java.net.URI refuses it), but a raw socket can
        ServiceCalls.Response r = calls.get("/secrets?x=%zz");
        assertEquals(400, r.status());
        assertEquals("BadParameter", r.code());
    }

    @Test
    void aMissingApiVersionIsABadParameter() {
        ServiceCalls.Response r = calls.api(null).get("/secrets/openai-api-key/");
        assertEquals(400, r.status());
        assertEquals("BadParameter", r.code());
    }

    @Test
    void resetGoesBackToTheSeed() {
        calls.set("extra", "x");
        calls.delete("/secrets/openai-api-key");
        service.roles().assign("app", Role.ADMINISTRATOR, Scope.vault("kvlab"));
        service.reset();
        assertEquals(404, calls.get("/secrets/extra/").status());
        assertEquals(200, calls.get("/secrets/openai-api-key/").status());
        assertEquals(404, calls.get("/deletedsecrets/openai-api-key").status());
        assertFalse(service.roles().list().contains(new RoleAssignment("app", Role.ADMINISTRATOR, Scope.vault("kvlab"))));
        assertEquals(3, service.auditLog().events().size(), "the log starts empty after a reset");
    }
}
