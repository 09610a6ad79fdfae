package dev.kvlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.runtime.Lab;
import dev.kvlab.solutions.CachedRetrieval;
import dev.kvlab.solutions.ListSecretProperties;
import dev.kvlab.solutions.RetrieveSecrets;
import dev.kvlab.solutions.RotateSecret;
import dev.kvlab.vault.AuditEvent;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Role;
import dev.kvlab.vault.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference solutions and stubs called directly (the Maven-compiled classes) against a local vault, for the
 * cases a plain run does not show: missing and forbidden secrets, paging, versions, time passing.
 */
class SolutionsTest {
    static LocalVault vault;
    static SecretClient client;

    @BeforeAll
    static void start() {
        vault = LocalVault.start();
        client = Lab.client(vault);
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    @BeforeEach
    void reset() {
        vault.reset();
    }

    @Test
    void aMissingSecretIsReportedAndTheOthersStillRead() {
        List<RetrieveSecrets.SecretReport> reports = RetrieveSecrets.retrieveSecrets(client,
                List.of("no-such-secret", "openai-api-key"));
        assertEquals(RetrieveSecrets.SecretReport.unavailable("no-such-secret", "not found"), reports.get(0));
        assertEquals("retrieved", reports.get(1).status());
        assertEquals("sk-proj-kvlab7Qm2Xv9...", reports.get(1).value());
        assertEquals(Map.of("environment", "development", "service", "openai"), reports.get(1).tags());
    }

    @Test
    void aForbiddenSecretIsReportedWithItsErrorCodeAndTheOthersStillRead() {
        // a principal that may read only this one secret, as a least-privilege assignment allows
        vault.roles().assign("payments-app", Role.SECRETS_USER, Scope.secret("kvlab", "cosmosdb-connection-string"));
        List<RetrieveSecrets.SecretReport> reports = RetrieveSecrets.retrieveSecrets(Lab.client(vault, "payments-app"),
                RetrieveSecrets.SECRET_NAMES);
        assertEquals(RetrieveSecrets.SecretReport.unavailable("openai-api-key", "error: Forbidden"), reports.get(0));
        assertEquals("retrieved", reports.get(1).status());
        assertEquals("AccountEndpoint=http...", reports.get(1).value());
    }

    @Test
    void aDisabledSecretIsAnErrorToo() {
        SecretProperties latest = client.getSecret("openai-api-key").getProperties();
        client.updateSecretProperties(latest.setEnabled(false));
        assertEquals("error: Forbidden", RetrieveSecrets.retrieveSecrets(client, List.of("openai-api-key")).get(0).status());
    }

    @Test
    void listingPagesThroughEverySecretWithoutReadingAValue() {
        for (int i = 0; i < 30; i++) {
            client.setSecret("extra-" + i, "value-" + i);
        }
        vault.auditLog().clear();
        List<ListSecretProperties.SecretSummary> summaries = ListSecretProperties.listSecretProperties(client);
        assertEquals(32, summaries.size());
        assertTrue(summaries.stream().anyMatch(s -> s.name().equals("openai-api-key") && s.enabled()
                && "application/x-api-key".equals(s.contentType()) && s.createdOn() != null && s.updatedOn() != null));
        List<String> operations = vault.auditLog().events().stream().map(AuditEvent::operation).distinct().toList();
        assertEquals(List.of("SecretList"), operations);
    }

    @Test
    void rotationKeepsThePreviousVersionReadableByItsId() {
        String before = client.getSecret("openai-api-key").getProperties().getVersion();
        RotateSecret.Rotation rotation = RotateSecret.rotateSecret(client, "openai-api-key", "sk-proj-kvlabNEWVALUE0123456789abcdefghij");
        assertEquals(before, rotation.previousVersion());
        assertEquals("sk-proj-kvlab7Qm2Xv9...", rotation.previousValue());
        assertNotEquals(before, rotation.newVersion());
        assertEquals("sk-proj-kvlabNEWVALU...", rotation.newValue());
        assertEquals(Map.of("environment", "development", "rotated", "true"), rotation.tags());
        assertEquals("text/plain", client.getSecret("openai-api-key").getProperties().getContentType());
        assertEquals(Leaks.API_KEY, client.getSecret("openai-api-key", before).getValue());
    }

    @Test
    void rotatingASecretThatDoesNotExistYetCreatesItsFirstVersion() {
        RotateSecret.Rotation rotation = RotateSecret.rotateSecret(client, "brand-new", "first-value-of-it");
        assertNull(rotation.previousVersion());
        assertNull(rotation.previousValue());
        assertEquals("first-va...", rotation.newValue());
    }

    @Test
    void withinTheTtlTenAccessesCostTwoVaultCalls() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        vault.auditLog().clear();
        CachedRetrieval.CacheReport report = CachedRetrieval.cachedRetrieval(client, CachedRetrieval.SECRET_NAMES, 5, now::get);
        assertEquals(2, report.vaultCalls());
        assertEquals(10, report.totalAccesses());
        assertEquals(30, report.ttlSeconds());
        assertEquals(new CachedRetrieval.Access(1, "openai-api-key", "cache miss", "sk-proj-kvlab7Qm2Xv9..."), report.accessLog().get(0));
        assertEquals(new CachedRetrieval.Access(5, "cosmosdb-connection-string", "cache hit", "AccountEndpoint=http..."),
                report.accessLog().get(9));
        assertEquals(2, vault.auditLog().events().stream().filter(e -> e.operation().equals("SecretGet") && e.result().equals("OK")).count());
    }

    @Test
    void anEntryIsServedUntilItsTtlHasPassed() {
        AtomicLong now = new AtomicLong(0);
        CachedRetrieval.SecretCache cache = new CachedRetrieval.SecretCache(client, Duration.ofSeconds(30), now::get);
        assertEquals(Leaks.API_KEY, cache.get("openai-api-key"));
        now.set(Duration.ofSeconds(30).toNanos() - 1);
        cache.get("openai-api-key");
        assertEquals(1, cache.vaultCalls(), "still fresh a nanosecond before the TTL");
        now.set(Duration.ofSeconds(30).toNanos());
        cache.get("openai-api-key");
        assertEquals(2, cache.vaultCalls(), "stale at the TTL");
    }

    @Test
    void everyStubThrowsItsNotImplementedMessage() {
        assertThrows(UnsupportedOperationException.class,
                () -> dev.kvlab.exercises.RetrieveSecrets.retrieveSecrets(client, List.of("openai-api-key")));
        assertThrows(UnsupportedOperationException.class, () -> dev.kvlab.exercises.ListSecretProperties.listSecretProperties(client));
        assertThrows(UnsupportedOperationException.class, () -> dev.kvlab.exercises.RotateSecret.rotateSecret(client, "x", "y"));
        UnsupportedOperationException get = assertThrows(UnsupportedOperationException.class,
                () -> new dev.kvlab.exercises.CachedRetrieval.SecretCache(client, Duration.ofSeconds(30), System::nanoTime).get("x"));
        assertTrue(get.getMessage().startsWith("CachedRetrieval: fill in region CACHE_GET "), get.getMessage());
    }
}
