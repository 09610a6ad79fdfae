package dev.kvlab.vault.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kvlab.vault.Caller;
import dev.kvlab.vault.IssuedToken;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.VaultClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The token service hands a principal the same token for a minute of the vault's clock, as Entra ID's clients keep
 * theirs; tokens made to be refused are never kept, and never trusted without their checks.
 */
class TokenReuseTest {
    private final VaultClock clock = VaultClock.fixed(Instant.parse("2026-03-01T09:00:00Z"));
    private final TokenService tokens = TokenService.create(clock);

    @Test
    void aPrincipalGetsTheSameTokenForAMinute() {
        IssuedToken first = tokens.issue(LocalAuthority.LAB_USER);
        clock.advance(Duration.ofSeconds(59));
        assertEquals(first.token(), tokens.issue(LocalAuthority.LAB_USER).token());

        clock.advance(Duration.ofSeconds(1)); // a token asked for now must live about an hour from now
        IssuedToken renewed = tokens.issue(LocalAuthority.LAB_USER);

        assertNotEquals(first.token(), renewed.token());
        assertEquals(clock.now().plus(TokenService.LIFETIME), renewed.expiresAt());
        assertEquals(new Caller.Authenticated(LocalAuthority.LAB_USER), tokens.verify("Bearer " + renewed.token()));
        assertEquals(new Caller.Authenticated(LocalAuthority.LAB_USER), tokens.verify("Bearer " + first.token()),
                "the first token stays good until it expires");
    }

    @Test
    void eachPrincipalAndAudienceHasATokenOfItsOwn() {
        String vault = tokens.issue(LocalAuthority.LAB_USER).token();
        String other = tokens.issue("reader").token();
        String store = tokens.issue(LocalAuthority.LAB_USER, "https://azconfig.io", TokenService.LIFETIME).token();

        assertNotEquals(vault, other);
        assertNotEquals(vault, store);
        assertEquals(new Caller.Authenticated("reader"), tokens.verify("Bearer " + other));
        assertEquals(new Caller.Rejected("InvalidAudience"), tokens.verify("Bearer " + store));
        assertEquals(new Caller.Authenticated(LocalAuthority.LAB_USER),
                tokens.verify("Bearer " + store, "https://azconfig.io"));
    }

    @Test
    void tokensMadeToBeRefusedAreNeitherKeptNorTrusted() {
        String tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        String foreign = tokens.issue(LocalAuthority.LAB_USER, LocalAuthority.RESOURCE, TokenService.LIFETIME, tenant)
                .token();
        assertNotEquals(foreign, tokens.issue(LocalAuthority.LAB_USER, LocalAuthority.RESOURCE, TokenService.LIFETIME,
                tenant).token());
        assertEquals(new Caller.Rejected("InvalidTenant"), tokens.verify("Bearer " + foreign));

        String shortLived = tokens.issue(LocalAuthority.LAB_USER, LocalAuthority.RESOURCE, Duration.ofSeconds(30))
                .token();
        assertNotEquals(shortLived, tokens.issue(LocalAuthority.LAB_USER).token());
        clock.advance(Duration.ofSeconds(31));
        assertEquals(new Caller.Rejected("TokenExpired"), tokens.verify("Bearer " + shortLived));
    }

    /** A kept token is judged by what it carries: times in whole seconds, as a token verified from scratch is. */
    @Test
    void aKeptTokenIsGoodFromTheStartOfTheSecondItWasIssuedIn() {
        VaultClock mid = VaultClock.fixed(Instant.parse("2026-03-01T09:00:00.700Z"));
        TokenService service = TokenService.create(mid);
        String token = service.issue(LocalAuthority.LAB_USER).token();

        mid.advance(Duration.ofMillis(-700)); // 09:00:00.000, e.g. a check setting the clock to a whole second

        assertEquals(token, service.issue(LocalAuthority.LAB_USER).token());
        assertEquals(new Caller.Authenticated(LocalAuthority.LAB_USER), service.verify("Bearer " + token));
    }

    @Test
    void aClockTurnedBackBeforeTheTokenGetsAnotherOne() {
        VaultClock late = VaultClock.fixed(Instant.parse("2026-03-01T09:00:00Z"));
        TokenService service = TokenService.create(late);
        String first = service.issue(LocalAuthority.LAB_USER).token();

        late.advance(Duration.ofMinutes(-10));
        String earlier = service.issue(LocalAuthority.LAB_USER).token();

        assertNotEquals(first, earlier);
        assertEquals(new Caller.Rejected("TokenNotYetValid"), service.verify("Bearer " + first));
        assertEquals(new Caller.Authenticated(LocalAuthority.LAB_USER), service.verify("Bearer " + earlier));
    }
}
