package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One audit record per request, named like Azure's AuditEvent log, and never a secret value. */
class AuditLogTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    final VaultService service = VaultService.builder().clock(VaultClock.fixed(NOW)).build();
    final ServiceCalls calls = new ServiceCalls(service);

    @Test
    void everyOperationIsRecordedWithAzuresNameAndResult() {
        String v = calls.set("audited", "top-secret-value-123");
        calls.get("/secrets/audited/" + v);
        calls.patch("/secrets/audited/" + v, "{\"tags\":{\"a\":\"b\"}}");
        calls.get("/secrets");
        calls.get("/secrets/audited/versions");
        String blob = calls.post("/secrets/audited/backup", null).json().get("value").asText();
        calls.delete("/secrets/audited");
        calls.get("/deletedsecrets/audited");
        calls.get("/deletedsecrets");
        calls.post("/deletedsecrets/audited/recover", null);
        calls.delete("/secrets/audited");
        calls.delete("/deletedsecrets/audited");
        calls.post("/secrets/restore", "{\"value\":\"" + blob + "\"}");
        calls.get("/secrets/missing/");
        calls.as("reader").get("/secrets/audited/");
        calls.as(new Caller.Anonymous()).get("/secrets/audited/");
        calls.put("/secrets/bad_name", "{\"value\":\"x\"}");
        calls.put("/secrets/audited", "{\"value\":\"y\"}");

        List<String> seen = service.auditLog().events().stream()
                .map(e -> e.operation() + " " + e.result() + " " + e.status()).toList();
        assertEquals(List.of("SecretSet OK 200", "SecretGet OK 200", "SecretUpdate OK 200", "SecretList OK 200",
                "SecretListVersions OK 200", "SecretBackup OK 200", "SecretDelete OK 200", "SecretGetDeleted OK 200",
                "SecretListDeleted OK 200", "SecretRecover OK 200", "SecretDelete OK 200", "SecretPurge NoContent 204",
                "SecretRestore OK 200", "SecretGet NotFound 404", "SecretGet Forbidden 403",
                "SecretGet Unauthorized 401", "SecretSet BadRequest 400", "SecretSet OK 200"), seen);
    }

    @Test
    void aRecordNamesTimeVaultCallerAndSecretButNeverTheValue() {
        String v = calls.set("audited", "top-secret-value-123");
        calls.as("reader").get("/secrets/audited/");
        calls.as(new Caller.Rejected("TokenExpired")).get("/secrets/audited/");
        List<AuditEvent> events = service.auditLog().events();
        AuditEvent set = events.get(0);
        assertEquals(NOW, set.time());
        assertEquals("kvlab", set.vault());
        assertEquals("lab-user", set.caller());
        assertEquals("https://kvlab.localhost:8443/secrets/audited/" + v, set.secretId());
        assertTrue(set.requestUri().startsWith("/secrets/audited?api-version="));
        assertFalse(set.duration().isNegative());
        assertEquals("reader", events.get(1).caller());
        assertEquals("(rejected: TokenExpired)", events.get(2).caller());
        for (AuditEvent e : events) {
            assertFalse(e.toString().contains("top-secret"));
            assertFalse(e.toJsonLine().contains("top-secret"));
        }
    }

    @Test
    void listsHaveNoSecretId() {
        calls.get("/secrets");
        assertNull(service.auditLog().events().get(0).secretId());
    }

    @Test
    void eventsExportAsJsonLines() throws Exception {
        StringWriter out = new StringWriter();
        service.auditLog().addListener(AuditLog.jsonLines(out));
        calls.get("/secrets/openai-api-key/");
        calls.as("contributor").get("/secrets/openai-api-key/");
        String[] lines = out.toString().split("\n");
        assertEquals(2, lines.length);
        JsonNode first = ServiceCalls.JSON.readTree(lines[0]);
        assertEquals("SecretGet", first.get("operationName").asText());
        assertEquals("OK", first.get("resultSignature").asText());
        assertEquals(200, first.get("httpStatusCode").asInt());
        assertEquals("lab-user", first.get("identity").asText());
        assertEquals("2026-03-01T10:00:00Z", first.get("time").asText());
        assertEquals("Forbidden", ServiceCalls.JSON.readTree(lines[1]).get("resultSignature").asText());
        assertFalse(out.toString().contains("sk-proj"));
    }

    @Test
    void eventsExportAsAzureDiagnosticsRecords() throws Exception {
        calls.set("watched", "top-secret-value");
        calls.get("/secrets/watched/");
        calls.as(new Caller.Anonymous()).get("/secrets/watched/");
        calls.as("contributor").get("/secrets/watched/");
        calls.get("/secrets");
        List<AzureDiagnosticsRecord> records = service.auditLog().toAzureDiagnostics();
        assertEquals(5, records.size());
        AzureDiagnosticsRecord get = records.get(1);
        assertEquals(NOW, get.timeGenerated());
        assertEquals("KVLAB", get.resource());
        assertEquals("SecretGet", get.operationName());
        assertEquals("OK", get.resultSignature());
        assertEquals("Success", get.resultType());
        assertEquals(200, get.httpStatusCode());
        assertEquals("127.0.0.1", get.callerIpAddress());
        assertEquals("lab-user", get.identityClaimOid());
        assertTrue(get.id().matches("https://kvlab\\.localhost:8443/secrets/watched/[0-9a-f]{32}"), get.id());
        assertTrue(get.requestUri().startsWith("https://kvlab.localhost/secrets/watched/?api-version="), get.requestUri());
        AzureDiagnosticsRecord anonymous = records.get(2);
        assertEquals("Unauthorized", anonymous.resultSignature());
        assertEquals("Failure", anonymous.resultType());
        assertEquals(401, anonymous.httpStatusCode());
        assertNull(anonymous.identityClaimOid());
        assertEquals("Forbidden", records.get(3).resultSignature());
        assertEquals("contributor", records.get(3).identityClaimOid());
        assertNull(records.get(4).id(), "a list names no secret");

        String lines = service.auditLog().toAzureDiagnosticsJsonLines();
        assertEquals(5, lines.lines().count());
        assertFalse(lines.contains("top-secret"), "never a value");
        JsonNode row = ServiceCalls.JSON.readTree(lines.lines().skip(1).findFirst().orElseThrow());
        assertEquals("2026-03-01T10:00:00Z", row.get("TimeGenerated").asText());
        assertEquals("SecretGet", row.get("OperationName").asText());
        assertEquals("OK", row.get("ResultSignature").asText());
        assertEquals("Success", row.get("ResultType").asText());
        assertEquals(200, row.get("httpStatusCode_d").asInt());
        assertEquals("127.0.0.1", row.get("CallerIPAddress").asText());
        assertEquals("lab-user", row.get("identity_claim_oid_g").asText());
        assertEquals(get.id(), row.get("id_s").asText());
        assertEquals(get.requestUri(), row.get("requestUri_s").asText());
        assertEquals("KVLAB", row.get("Resource").asText());
        assertEquals("AuditEvent", row.get("Category").asText());
        assertEquals("MICROSOFT.KEYVAULT", row.get("ResourceProvider").asText());
        assertTrue(row.get("ResourceId").asText().endsWith("/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/KVLAB"));
        assertFalse(ServiceCalls.JSON.readTree(lines.lines().skip(2).findFirst().orElseThrow())
                .has("identity_claim_oid_g"), "no identity without a valid token");
    }

    @Test
    void theAzureDiagnosticsListenerWritesEveryEventAsItHappens() throws Exception {
        StringWriter out = new StringWriter();
        service.auditLog().addListener(AuditLog.azureDiagnosticsLines(out));
        calls.as("contributor").get("/secrets/openai-api-key/");
        JsonNode row = ServiceCalls.JSON.readTree(out.toString().strip());
        assertEquals("Forbidden", row.get("ResultSignature").asText());
        assertEquals(403, row.get("httpStatusCode_d").asInt());
        assertFalse(out.toString().contains("sk-proj"));
    }

    @Test
    void aSmallerLogKeepsTheNewestEventsAndListenersStillSeeAll() {
        VaultService small = VaultService.builder().clock(VaultClock.fixed(NOW)).auditCapacity(3).build();
        List<AuditEvent> seen = new java.util.ArrayList<>();
        small.auditLog().addListener(seen::add);
        ServiceCalls c = new ServiceCalls(small);
        for (int i = 0; i < 5; i++) {
            c.get("/secrets/missing-" + i + "/");
        }
        assertEquals(5, seen.size());
        List<AuditEvent> kept = small.auditLog().events();
        assertEquals(3, kept.size());
        assertTrue(kept.get(0).requestUri().startsWith("/secrets/missing-2/"), kept.get(0).requestUri());
    }

    @Test
    void theLogIsSafeToReadWhileRequestsArrive() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            pool.submit(() -> {
                for (int j = 0; j < 250; j++) {
                    calls.get("/secrets/openai-api-key/");
                    service.auditLog().events();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(1000, service.auditLog().events().size());
    }
}
