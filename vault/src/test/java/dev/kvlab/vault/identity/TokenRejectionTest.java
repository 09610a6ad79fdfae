package dev.kvlab.vault.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.security.keyvault.secrets.SecretClient;
import dev.kvlab.vault.AuditEvent;
import dev.kvlab.vault.Caller;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import dev.kvlab.vault.VaultClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens the vault must refuse reach the SDK as 401 Unauthorized, i.e. ClientAuthenticationException. */
class TokenRejectionTest {
    private final VaultClock clock = VaultClock.fixed(Instant.parse("2026-03-01T09:00:00Z"));
    private LocalVault vault;

    @BeforeEach
    void start() {
        vault = LocalVault.builder().clock(clock).start();
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    private ClientAuthenticationException refused(String token) {
        SecretClient client = LoopbackClients.secretClient(vault, vault.url(), LoopbackClients.fixedToken(token));
        ClientAuthenticationException e = assertThrows(ClientAuthenticationException.class,
                () -> client.getSecret("openai-api-key"));
        assertEquals(401, e.getResponse().getStatusCode());
        assertTrue(e.getMessage().contains("Unauthorized"), e.getMessage());
        List<AuditEvent> events = vault.auditLog().events();
        assertEquals("Unauthorized", events.get(events.size() - 1).result());
        return e;
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() {
        TokenService forger = TokenService.create(clock);
        refused(forger.issue(LocalAuthority.LAB_USER).token());
    }

    @Test
    void expiredTokenIsRefusedOnceTheClockPassesItsExpiry() {
        String token = vault.issueToken(LocalAuthority.LAB_USER).token();
        SecretClient client = LoopbackClients.secretClient(vault, vault.url(), LoopbackClients.fixedToken(token));
        assertTrue(client.getSecret("openai-api-key").getValue().startsWith("sk-proj"));
        clock.advance(TokenService.LIFETIME.plusSeconds(1));
        refused(token);
        assertInstanceOf(Caller.Rejected.class, vault.tokenService().verify("Bearer " + token));
        assertEquals("TokenExpired", ((Caller.Rejected) vault.tokenService().verify("Bearer " + token)).reason());
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        refused(vault.tokenService().issue(LocalAuthority.LAB_USER, "https://management.azure.com", Duration.ofHours(1))
                .token());
    }

    @Test
    void tokenForKeyVaultsOwnAudienceIsAccepted() {
        // what `az account get-access-token --resource https://vault.azure.net` and raw-REST tutorials hand out
        for (String audience : List.of("https://vault.azure.net", "https://vault.azure.net/")) {
            String token = vault.tokenService().issue(LocalAuthority.LAB_USER, audience, Duration.ofHours(1)).token();
            SecretClient client = LoopbackClients.secretClient(vault, vault.url(), LoopbackClients.fixedToken(token));
            assertTrue(client.getSecret("openai-api-key").getValue().startsWith("sk-proj"), audience);
        }
    }

    @Test
    void tokenOfAnotherTenantIsRefusedThoughItsIssuerAndSignatureAreRight() {
        String token = vault.tokenService().issue(LocalAuthority.LAB_USER, LocalAuthority.RESOURCE, Duration.ofHours(1),
                "11111111-1111-1111-1111-111111111111").token();
        refused(token);
        assertEquals(new Caller.Rejected("InvalidTenant"), vault.tokenService().verify("Bearer " + token));
    }

    @Test
    void junkIsRefused() {
        refused("not-a-jwt");
        refused("eyJhbGciOiJub25lIn0.eyJzdWIiOiJsYWItdXNlciJ9.");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = vault.issueToken("reader").token().split("\\.");
        String admin = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("reader", "admin").getBytes());
        refused(parts[0] + "." + admin + "." + parts[2]);
    }

    @Test
    void verificationNamesTheReason() {
        TokenService tokens = vault.tokenService();
        assertInstanceOf(Caller.Anonymous.class, tokens.verify(null));
        assertEquals(new Caller.Rejected("MalformedToken"), tokens.verify("Basic abc"));
        assertEquals(new Caller.Rejected("MalformedToken"), tokens.verify("Bearer junk"));
        assertEquals(new Caller.Rejected("InvalidSignature"),
                tokens.verify("Bearer " + TokenService.create(clock).issue("lab-user").token()));
        assertEquals(new Caller.Rejected("InvalidAudience"),
                tokens.verify("Bearer " + tokens.issue("lab-user", "https://storage.azure.com", Duration.ofHours(1))
                        .token()));
        assertEquals(new Caller.Authenticated("app"), tokens.verify("Bearer " + tokens.issue("app").token()));
    }
}
