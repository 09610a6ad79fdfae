package dev.kvlab.vault.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.SecretServiceVersion;
import com.azure.security.keyvault.secrets.models.DeletedSecret;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.vault.AuditEvent;
import dev.kvlab.vault.IssuedToken;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import dev.kvlab.vault.Role;
import dev.kvlab.vault.Scope;
import dev.kvlab.vault.VaultClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code SecretClient} against the local vault over HTTPS, through every operation and every error the
 * lab relies on, asserting what the SDK shows: values, properties, exception classes, status and error codes.
 * Subclasses pick the api-version the SDK speaks.
 */
abstract class SecretClientConformance {
    static LocalVault vault;
    static HttpClient http;

    /** The service version the SDK is built with (null: the SDK's default). */
    abstract SecretServiceVersion serviceVersion();

    String apiVersion() {
        return serviceVersion() == null ? SecretServiceVersion.getLatest().getVersion() : serviceVersion().getVersion();
    }

    @BeforeAll
    static void start() {
        vault = LocalVault.builder().clock(VaultClock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS)))
                .vault("strict").retentionDays("strict", 7).purgeProtection("strict", true).start();
        http = LoopbackClients.httpClient(vault.caCertificatePem());
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    @BeforeEach
    void freshVault() {
        vault.reset();
    }

    SecretClient client(String principal) {
        return client(LoopbackClients.credential(vault, principal));
    }

    SecretClient client(TokenCredential credential) {
        return client(vault, vault.url().toString(), credential);
    }

    /** A client that does not retry, so throttling and faults show up as the SDK's exceptions at once. */
    SecretClient client(LocalVault vault, String url, TokenCredential credential) {
        return new SecretClientBuilder()
                .vaultUrl(url)
                .credential(credential)
                .httpClient(http)
                .serviceVersion(serviceVersion())
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))))
                .buildClient();
    }

    SecretClient labUser() {
        return client("lab-user");
    }

    Instant now() {
        return vault.clock().now();
    }

    /** Asserts the SDK throws exactly {@code type} carrying Azure's status, code and inner code. */
    static <T extends HttpResponseException> ErrorBody fails(Class<T> type, int status, String code, String inner,
                                                            Executable call) {
        HttpResponseException e = assertThrows(HttpResponseException.class, call::run);
        assertSame(type, e.getClass(), "exception class for " + e.getMessage());
        ErrorBody error = ErrorBody.of(e);
        assertEquals(status, error.status());
        assertEquals(code, error.code());
        assertEquals(inner, error.innerCode());
        return error;
    }

    interface Executable {
        void run() throws Throwable;
    }

    // --- reading and writing ---------------------------------------------------------------------------------

    @Test
    void seededSecretsReadLikeTheRealVault() {
        KeyVaultSecret s = labUser().getSecret("openai-api-key");
        assertEquals("sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq", s.getValue());
        assertEquals("openai-api-key", s.getName());
        assertEquals("application/x-api-key", s.getProperties().getContentType());
        assertEquals(Map.of("environment", "development", "service", "openai"), s.getProperties().getTags());
        assertTrue(s.getProperties().getVersion().matches("[0-9a-f]{32}"));
        assertNotNull(s.getProperties().getExpiresOn());
    }

    @Test
    void setAndGetRoundTripEveryProperty() {
        OffsetDateTime expires = OffsetDateTime.of(2030, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        OffsetDateTime notBefore = OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        KeyVaultSecret set = labUser().setSecret(new KeyVaultSecret("db-password", "p@ss w0rd ✓")
                .setProperties(new SecretProperties().setContentType("text/plain").setTags(Map.of("team", "lab"))
                        .setExpiresOn(expires).setNotBefore(notBefore)));
        SecretProperties p = set.getProperties();
        assertEquals("p@ss w0rd ✓", set.getValue());
        assertEquals("db-password", set.getName());
        assertTrue(p.getVersion().matches("[0-9a-f]{32}"));
        assertEquals(vault.url() + "/secrets/db-password/" + p.getVersion(), set.getId());
        assertEquals("text/plain", p.getContentType());
        assertEquals(Map.of("team", "lab"), p.getTags());
        assertEquals(expires, p.getExpiresOn());
        assertEquals(notBefore, p.getNotBefore());
        assertEquals(now(), p.getCreatedOn().toInstant());
        assertEquals(now(), p.getUpdatedOn().toInstant());
        assertTrue(p.isEnabled());
        assertEquals("Recoverable+Purgeable", p.getRecoveryLevel());
        assertEquals(90, p.getRecoverableDays());
        assertNull(p.isManaged());
        assertNull(p.getKeyId());

        KeyVaultSecret latest = labUser().getSecret("db-password");
        assertEquals("p@ss w0rd ✓", latest.getValue());
        assertEquals(p.getVersion(), latest.getProperties().getVersion());
        assertEquals(Map.of("team", "lab"), latest.getProperties().getTags());
        assertEquals("p@ss w0rd ✓", labUser().getSecret("db-password", p.getVersion()).getValue());

        AuditEvent last = lastEvent();
        assertEquals("SecretGet", last.operation());
        assertTrue(last.requestUri().contains("api-version=" + apiVersion()), last.requestUri());
    }

    @Test
    void anEmptyValueIsAccepted() {
        assertEquals("", labUser().setSecret("empty", "").getValue());
        assertEquals("", labUser().getSecret("empty").getValue());
    }

    @Test
    void expiredAndNotYetValidSecretsAreStillReturned() {
        SecretClient c = labUser();
        c.setSecret(new KeyVaultSecret("expired", "old").setProperties(new SecretProperties()
                .setExpiresOn(OffsetDateTime.now().minusDays(1))));
        c.setSecret(new KeyVaultSecret("early", "new").setProperties(new SecretProperties()
                .setNotBefore(OffsetDateTime.now().plusDays(1))));
        assertEquals("old", c.getSecret("expired").getValue());
        assertEquals("new", c.getSecret("early").getValue());
    }

    @Test
    void rotationMakesANewVersionAndKeepsTheOldOne() {
        SecretClient c = labUser();
        String v1 = c.setSecret("rotating", "one").getProperties().getVersion();
        vault.clock().advance(Duration.ofSeconds(30));
        String v2 = c.setSecret("rotating", "two").getProperties().getVersion();
        assertFalse(v1.equals(v2));
        assertEquals("two", c.getSecret("rotating").getValue());
        assertEquals("one", c.getSecret("rotating", v1).getValue());
        List<String> versions = new ArrayList<>();
        c.listPropertiesOfSecretVersions("rotating").forEach(v -> versions.add(v.getVersion()));
        assertEquals(List.of(v1, v2), versions);
    }

    @Test
    void updatePropertiesChangesMetadataAndNeverSendsTheValue() {
        SecretClient c = labUser();
        KeyVaultSecret s = c.setSecret("app-key", "k1");
        vault.clock().advance(Duration.ofMinutes(1));
        SecretProperties updated = c.updateSecretProperties(s.getProperties()
                .setContentType("application/x-api-key").setTags(Map.of("rotated", "no")));
        assertEquals("application/x-api-key", updated.getContentType());
        assertEquals(Map.of("rotated", "no"), updated.getTags());
        assertEquals(now(), updated.getUpdatedOn().toInstant());
        assertEquals(s.getProperties().getCreatedOn(), updated.getCreatedOn());
        assertEquals("SecretUpdate", lastEvent().operation());
        assertEquals("k1", c.getSecret("app-key").getValue());
    }

    @Test
    void aDisabledVersionCannotBeRead() {
        SecretClient c = labUser();
        KeyVaultSecret s = c.setSecret("switched-off", "hidden");
        c.updateSecretProperties(s.getProperties().setEnabled(false));
        ErrorBody e = fails(ResourceModifiedException.class, 403, "Forbidden", "SecretDisabled",
                () -> c.getSecret("switched-off"));
        assertTrue(e.message().contains("disabled"));
        fails(ResourceModifiedException.class, 403, "Forbidden", "SecretDisabled",
                () -> c.getSecret("switched-off", s.getProperties().getVersion()));
        boolean listedDisabled = false;
        for (SecretProperties p : c.listPropertiesOfSecrets()) {
            listedDisabled |= p.getName().equals("switched-off") && !p.isEnabled();
        }
        assertTrue(listedDisabled);
    }

    @Test
    void listingShowsPropertiesWithoutValuesOrVersions() {
        SecretClient c = labUser();
        Map<String, SecretProperties> byName = new HashMap<>();
        c.listPropertiesOfSecrets().forEach(p -> byName.put(p.getName(), p));
        assertEquals(List.of("cosmosdb-connection-string", "openai-api-key"), byName.keySet().stream().sorted().toList());
        SecretProperties openai = byName.get("openai-api-key");
        assertEquals("application/x-api-key", openai.getContentType());
        assertEquals("openai", openai.getTags().get("service"));
        assertNull(openai.getVersion());
        assertEquals(vault.url() + "/secrets/openai-api-key", openai.getId());
    }

    @Test
    void listingPagesThroughEverySecret() {
        SecretClient c = labUser();
        for (int i = 0; i < 58; i++) {
            c.setSecret(String.format("bulk-%02d", i), "v");
        }
        List<Integer> pageSizes = new ArrayList<>();
        int total = 0;
        for (PagedResponse<SecretProperties> page : c.listPropertiesOfSecrets().iterableByPage()) {
            pageSizes.add(page.getValue().size());
            total += page.getValue().size();
        }
        assertEquals(List.of(25, 25, 10), pageSizes);
        assertEquals(60, total);
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            c.setSecret("many-versions", "v" + i);
        }
        c.listPropertiesOfSecretVersions("many-versions").forEach(p -> versions.add(p.getVersion()));
        assertEquals(30, versions.size());
        assertEquals(30, versions.stream().distinct().count());
    }

    // --- soft delete, recovery, purge ------------------------------------------------------------------------

    @Test
    void deleteRecoverAndPurge() {
        SecretClient c = labUser();
        String version = c.setSecret("binned", "bye").getProperties().getVersion();
        SyncPoller<DeletedSecret, Void> deleting = c.beginDeleteSecret("binned");
        deleting.setPollInterval(Duration.ofMillis(10));
        deleting.waitForCompletion();
        DeletedSecret deleted = deleting.poll().getValue();
        assertNull(deleted.getValue(), "Azure puts no value in deleted bundles");
        assertEquals(vault.url() + "/deletedsecrets/binned", deleted.getRecoveryId());
        assertEquals(now(), deleted.getDeletedOn().toInstant());
        assertEquals(now().plus(Duration.ofDays(90)), deleted.getScheduledPurgeDate().toInstant());
        assertEquals("Recoverable+Purgeable", deleted.getProperties().getRecoveryLevel());
        assertEquals(version, deleted.getProperties().getVersion());

        fails(ResourceNotFoundException.class, 404, "SecretNotFound", null, () -> c.getSecret("binned"));
        assertEquals("binned", c.getDeletedSecret("binned").getName());
        List<String> binned = new ArrayList<>();
        c.listDeletedSecrets().forEach(d -> binned.add(d.getName() + " " + d.getRecoveryId()));
        assertEquals(List.of("binned " + vault.url() + "/deletedsecrets/binned"), binned);

        fails(ResourceModifiedException.class, 409, "Conflict", "ObjectIsDeletedButRecoverable",
                () -> c.setSecret("binned", "again"));

        SyncPoller<KeyVaultSecret, Void> recovering = c.beginRecoverDeletedSecret("binned");
        recovering.setPollInterval(Duration.ofMillis(10));
        recovering.waitForCompletion();
        assertEquals("bye", c.getSecret("binned").getValue());
        fails(ResourceNotFoundException.class, 404, "SecretNotFound", null, () -> c.getDeletedSecret("binned"));

        SyncPoller<DeletedSecret, Void> again = c.beginDeleteSecret("binned");
        again.setPollInterval(Duration.ofMillis(10));
        again.waitForCompletion();
        c.purgeDeletedSecret("binned");
        fails(ResourceNotFoundException.class, 404, "SecretNotFound", null, () -> c.getDeletedSecret("binned"));
        assertEquals("fresh", c.setSecret("binned", "fresh").getValue());
        fails(ResourceNotFoundException.class, 404, "SecretNotFound", null, () -> c.purgeDeletedSecret("nothing"));
    }

    @Test
    void theScheduledPurgeHappensWhenTheVaultClockPassesIt() {
        SecretClient c = labUser();
        SyncPoller<DeletedSecret, Void> deleting = c.beginDeleteSecret("cosmosdb-connection-string");
        deleting.setPollInterval(Duration.ofMillis(10));
        deleting.waitForCompletion();
        vault.clock().advance(Duration.ofDays(91));
        // the same client: its cached token expired with the vault's clock, and the claims challenge makes the
        // SDK fetch a new one
        fails(ResourceNotFoundException.class, 404, "SecretNotFound", null,
                () -> c.getDeletedSecret("cosmosdb-connection-string"));
        assertEquals("v2", c.setSecret("cosmosdb-connection-string", "v2").getValue());
    }

    @Test
    void purgeProtectionKeepsADeletedSecretForItsRetention() {
        SecretClient strict = client(vault, vault.url("strict").toString(), LoopbackClients.credential(vault, "lab-user"));
        strict.setSecret("guarded", "g");
        SyncPoller<DeletedSecret, Void> deleting = strict.beginDeleteSecret("guarded");
        deleting.setPollInterval(Duration.ofMillis(10));
        deleting.waitForCompletion();
        DeletedSecret deleted = deleting.poll().getValue();
        assertEquals("CustomizedRecoverable", deleted.getProperties().getRecoveryLevel());
        assertEquals(7, deleted.getProperties().getRecoverableDays());
        assertEquals(now().plus(Duration.ofDays(7)), deleted.getScheduledPurgeDate().toInstant());
        fails(HttpResponseException.class, 403, "Forbidden", null, () -> strict.purgeDeletedSecret("guarded"));
        SyncPoller<KeyVaultSecret, Void> recovering = strict.beginRecoverDeletedSecret("guarded");
        recovering.setPollInterval(Duration.ofMillis(10));
        recovering.waitForCompletion();
        assertEquals("g", strict.getSecret("guarded").getValue());
        strict.beginDeleteSecret("guarded").setPollInterval(Duration.ofMillis(10)).waitForCompletion();
    }

    // --- backup and restore ----------------------------------------------------------------------------------

    @Test
    void backupAndRestoreBringBackEveryVersion() {
        SecretClient c = labUser();
        String v1 = c.setSecret("portable", "first").getProperties().getVersion();
        c.setSecret("portable", "second");
        byte[] backup = c.backupSecret("portable");
        assertTrue(backup.length > 0);
        fails(ResourceModifiedException.class, 409, "Conflict", null, () -> c.restoreSecretBackup(backup));
        SyncPoller<DeletedSecret, Void> deleting = c.beginDeleteSecret("portable");
        deleting.setPollInterval(Duration.ofMillis(10));
        deleting.waitForCompletion();
        c.purgeDeletedSecret("portable");
        KeyVaultSecret restored = c.restoreSecretBackup(backup);
        assertEquals("portable", restored.getName());
        assertNull(restored.getValue(), "restore answers without the value");
        assertEquals("second", c.getSecret("portable").getValue());
        assertEquals("first", c.getSecret("portable", v1).getValue());

        byte[] tampered = backup.clone();
        tampered[tampered.length / 2] ^= 0x01;
        fails(ResourceModifiedException.class, 400, "Malformed backup blob", null, () -> c.restoreSecretBackup(tampered));
    }

    // --- validation ------------------------------------------------------------------------------------------

    @Test
    void missingSecretsAndVersionsAreNotFound() {
        SecretClient c = labUser();
        fails(ResourceNotFoundException.class, 404, "SecretNotFound", null, () -> c.getSecret("nope"));
        fails(ResourceNotFoundException.class, 404, "SecretNotFound", null,
                () -> c.getSecret("openai-api-key", "0123456789abcdef0123456789abcdef"));
        fails(ResourceNotFoundException.class, 404, "SecretNotFound", null, () -> c.backupSecret("nope"));
    }

    @Test
    void invalidNamesAreBadParameters() {
        SecretClient c = labUser();
        fails(ResourceModifiedException.class, 400, "BadParameter", null, () -> c.setSecret("bad_name", "x"));
        fails(HttpResponseException.class, 400, "BadParameter", null, () -> c.getSecret("bad.name"));
        fails(ResourceModifiedException.class, 400, "BadParameter", null, () -> c.setSecret("n".repeat(128), "x"));
        assertEquals("x", c.setSecret("n".repeat(127), "x").getValue());
        assertEquals("x", c.setSecret("1-starts-with-a-digit", "x").getValue());
    }

    @Test
    void everyLimitIsABadParameter() {
        SecretClient c = labUser();
        assertEquals(25 * 1024, c.setSecret("biggest", "x".repeat(25 * 1024)).getValue().length());
        fails(ResourceModifiedException.class, 400, "BadParameter", null,
                () -> c.setSecret("too-big", "x".repeat(25 * 1024 + 1)));
        fails(ResourceModifiedException.class, 400, "BadParameter", null, () -> c.setSecret(new KeyVaultSecret("ct", "x")
                .setProperties(new SecretProperties().setContentType("t".repeat(256)))));
        Map<String, String> sixteen = new HashMap<>();
        for (int i = 0; i < 16; i++) {
            sixteen.put("tag" + i, "v");
        }
        fails(ResourceModifiedException.class, 400, "BadParameter", null, () -> c.setSecret(new KeyVaultSecret("tags", "x")
                .setProperties(new SecretProperties().setTags(sixteen))));
        fails(ResourceModifiedException.class, 400, "BadParameter", null, () -> c.setSecret(new KeyVaultSecret("tags", "x")
                .setProperties(new SecretProperties().setTags(Map.of("long", "v".repeat(513))))));
        fails(ResourceModifiedException.class, 400, "BadParameter", null, () -> c.setSecret(new KeyVaultSecret("tags", "x")
                .setProperties(new SecretProperties().setTags(Map.of("k".repeat(513), "v")))));
        sixteen.remove("tag0");
        assertEquals(15, c.setSecret(new KeyVaultSecret("tags", "x")
                .setProperties(new SecretProperties().setTags(sixteen))).getProperties().getTags().size());
    }

    // --- authentication and authorization --------------------------------------------------------------------

    @Test
    void aJunkTokenIsUnauthorized() {
        SecretClient c = client(LoopbackClients.fixedToken("not-a-jwt"));
        fails(ClientAuthenticationException.class, 401, "Unauthorized", null, () -> c.getSecret("openai-api-key"));
    }

    @Test
    void anExpiredTokenIsUnauthorizedAndSaysSo() {
        IssuedToken token = vault.issueToken("lab-user");
        vault.clock().advance(Duration.ofHours(2));
        SecretClient c = client(LoopbackClients.fixedToken(token.token()));
        ErrorBody e = fails(ClientAuthenticationException.class, 401, "Unauthorized", null,
                () -> c.getSecret("openai-api-key"));
        assertTrue(e.message().contains("TokenExpired"), e.message());
    }

    @Test
    void aReaderSeesMetadataButNoValues() {
        SecretClient reader = client("reader");
        List<String> names = new ArrayList<>();
        reader.listPropertiesOfSecrets().forEach(p -> names.add(p.getName()));
        assertEquals(2, names.size());
        ErrorBody e = fails(ResourceModifiedException.class, 403, "Forbidden", "ForbiddenByRbac",
                () -> reader.getSecret("openai-api-key"));
        assertTrue(e.message().contains("reader"));
        assertTrue(e.message().contains("Microsoft.KeyVault/vaults/secrets/getSecret/action"));
        assertTrue(e.message().contains("Assignment: (not found)"));
        fails(HttpResponseException.class, 403, "Forbidden", "ForbiddenByRbac", () -> reader.setSecret("x", "y"));
    }

    @Test
    void aContributorHasNoDataPlaneAccess() {
        SecretClient contributor = client("contributor");
        fails(HttpResponseException.class, 403, "Forbidden", "ForbiddenByRbac",
                () -> contributor.listPropertiesOfSecrets().forEach(p -> { }));
        fails(ResourceModifiedException.class, 403, "Forbidden", "ForbiddenByRbac",
                () -> contributor.getSecret("openai-api-key"));
    }

    @Test
    void aRoleOnOneSecretReadsThatSecretOnly() {
        vault.service().roles().revokeAll("app");
        vault.service().roles().assign("app", Role.SECRETS_USER, Scope.secret("kvlab", "openai-api-key"));
        SecretClient app = client("app");
        assertEquals("sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq", app.getSecret("openai-api-key").getValue());
        fails(ResourceModifiedException.class, 403, "Forbidden", "ForbiddenByRbac",
                () -> app.getSecret("cosmosdb-connection-string"));
        fails(HttpResponseException.class, 403, "Forbidden", "ForbiddenByRbac",
                () -> app.listPropertiesOfSecrets().forEach(p -> { }));
    }

    @Test
    void aPurgeOperatorPurgesOnly() {
        SecretClient c = labUser();
        SyncPoller<DeletedSecret, Void> deleting = c.beginDeleteSecret("openai-api-key");
        deleting.setPollInterval(Duration.ofMillis(10));
        deleting.waitForCompletion();
        SecretClient purger = client("purger");
        fails(ResourceModifiedException.class, 403, "Forbidden", "ForbiddenByRbac",
                () -> purger.getSecret("cosmosdb-connection-string"));
        purger.purgeDeletedSecret("openai-api-key");
        fails(ResourceNotFoundException.class, 404, "SecretNotFound", null, () -> c.getDeletedSecret("openai-api-key"));
    }

    // --- throttling, faults, audit ---------------------------------------------------------------------------

    @Test
    void throttlingShowsAsTheSdksTooManyRequests() {
        vault.service().faults().failNext(1, 429, "SecretGet");
        SecretClient c = labUser();
        HttpResponseException e = assertThrows(HttpResponseException.class, () -> c.getSecret("openai-api-key"));
        assertEquals(429, e.getResponse().getStatusCode());
        assertEquals("Throttled", ErrorBody.of(e).code());
        assertTrue(ErrorBody.of(e).message().contains("VaultRequestTypeLimitReached"));
        assertNotNull(e.getResponse().getHeaderValue("Retry-After"));
        assertEquals("sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq", c.getSecret("openai-api-key").getValue());
    }

    @Test
    void theServiceLimitShowsAsTooManyRequestsWithRetryAfter() {
        try (LocalVault limited = LocalVault.builder().throttleLimits(300, 3)
                .clock(VaultClock.fixed(Instant.now())).start()) {
            SecretClient c = new SecretClientBuilder().vaultUrl(limited.url().toString())
                    .credential(LoopbackClients.credential(limited, "lab-user"))
                    .httpClient(LoopbackClients.httpClient(limited.caCertificatePem()))
                    .serviceVersion(serviceVersion())
                    .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))))
                    .buildClient();
            for (int i = 0; i < 3; i++) {
                c.getSecret("openai-api-key");
            }
            HttpResponseException e = assertThrows(HttpResponseException.class, () -> c.getSecret("openai-api-key"));
            assertEquals(429, e.getResponse().getStatusCode());
            assertEquals("Throttled", ErrorBody.of(e).code());
            assertTrue(Integer.parseInt(e.getResponse().getHeaderValue("Retry-After")) >= 1);
            assertEquals("TooManyRequests", limited.auditLog().events().get(limited.auditLog().events().size() - 1)
                    .result());
        }
    }

    @Test
    void anInjectedOutageShowsAsServiceUnavailable() {
        vault.service().faults().failNext(1, 503, "SecretList");
        SecretClient c = labUser();
        HttpResponseException e = assertThrows(HttpResponseException.class,
                () -> c.listPropertiesOfSecrets().forEach(p -> { }));
        assertEquals(503, e.getResponse().getStatusCode());
        assertEquals("ServiceUnavailable", ErrorBody.of(e).code());
    }

    @Test
    void theAuditLogRecordsSdkCallsWithoutValues() {
        SecretClient c = labUser();
        c.setSecret("audited", "audit-me-not-123");
        c.getSecret("audited");
        assertThrows(HttpResponseException.class, () -> client("reader").getSecret("audited"));
        List<String> ops = vault.service().auditLog().events().stream()
                .filter(e -> e.caller().equals("lab-user") || e.caller().equals("reader"))
                .map(e -> e.operation() + " " + e.caller() + " " + e.result()).toList();
        assertEquals(List.of("SecretSet lab-user OK", "SecretGet lab-user OK", "SecretGet reader Forbidden"), ops);
        vault.service().auditLog().events().forEach(e -> assertFalse(e.toJsonLine().contains("audit-me-not")));
    }

    static AuditEvent lastEvent() {
        List<AuditEvent> events = vault.service().auditLog().events();
        return events.get(events.size() - 1);
    }
}
