package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service limits per vault per 10 seconds on the vault's clock, and the faults lessons inject. */
class ThrottlingAndFaultsTest {
    final VaultClock clock = VaultClock.fixed(Instant.parse("2026-03-01T10:00:03Z"));

    @Test
    void otherOperationsBeyondTheLimitAreThrottledUntilTheWindowEnds() {
        VaultService service = VaultService.builder().clock(clock).throttleLimits(300, 5).build();
        ServiceCalls calls = new ServiceCalls(service);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, calls.get("/secrets/openai-api-key/").status());
        }
        ServiceCalls.Response r = calls.get("/secrets/openai-api-key/");
        assertEquals(429, r.status());
        assertEquals("Throttled", r.code());
        assertTrue(r.message().contains("Reason: VaultRequestTypeLimitReached"));
        assertEquals("7", r.header("Retry-After"));
        clock.advance(Duration.ofSeconds(7));
        assertEquals(200, calls.get("/secrets/openai-api-key/").status());
    }

    @Test
    void createsHaveTheirOwnLimit() {
        VaultService service = VaultService.builder().clock(clock).throttleLimits(2, 100).build();
        ServiceCalls calls = new ServiceCalls(service);
        calls.set("a", "1");
        calls.set("b", "2");
        assertEquals(429, calls.put("/secrets/c", "{\"value\":\"3\"}").status());
        assertEquals(200, calls.get("/secrets/a/").status(), "reads still pass");
    }

    @Test
    void eachVaultHasItsOwnLimits() {
        VaultService service = VaultService.builder().clock(clock).vaults(List.of("kvlab", "other"))
                .throttleLimits(300, 1).build();
        ServiceCalls calls = new ServiceCalls(service);
        assertEquals(200, calls.get("/secrets").status());
        assertEquals(429, calls.get("/secrets").status());
        assertEquals(200, calls.vault("other").get("/secrets").status());
    }

    @Test
    void theDefaultLimitsAreAzures() {
        VaultService service = VaultService.builder().clock(clock).seed(Seed.NONE).build();
        ServiceCalls calls = new ServiceCalls(service);
        for (int i = 0; i < 300; i++) {
            calls.set("s" + i, "v");
        }
        assertEquals(429, calls.put("/secrets/one-more", "{\"value\":\"v\"}").status());
        for (int i = 0; i < 4000; i++) {
            calls.get("/secrets/s1/");
        }
        assertEquals(429, calls.get("/secrets/s1/").status());
    }

    @Test
    void failNextAnswersTheChosenStatusThatManyTimesForThatOperation() {
        VaultService service = VaultService.builder().clock(clock).build();
        ServiceCalls calls = new ServiceCalls(service);
        service.faults().failNext(2, 503, "SecretGet");
        assertEquals(200, calls.get("/secrets").status(), "another operation is not affected");
        ServiceCalls.Response first = calls.get("/secrets/openai-api-key/");
        assertEquals(503, first.status());
        assertEquals("ServiceUnavailable", first.code());
        assertEquals(503, calls.get("/secrets/openai-api-key/").status());
        assertEquals(200, calls.get("/secrets/openai-api-key/").status());

        service.faults().failNext(1, 429, null);
        ServiceCalls.Response throttled = calls.get("/secrets");
        assertEquals(429, throttled.status());
        assertEquals("Throttled", throttled.code());
        assertEquals("1", throttled.header("Retry-After"));
        assertEquals("20", throttled.header("retry-after-ms"), "an injected 429 keeps a client's retries short");
        assertEquals(200, calls.get("/secrets").status());

        service.faults().throttleNext(1, Duration.ofMillis(2_150), "SecretList");
        ServiceCalls.Response longer = calls.get("/secrets");
        assertEquals(429, longer.status());
        assertEquals("2150", longer.header("retry-after-ms"), "a lesson may ask for a longer wait");
        assertEquals("3", longer.header("Retry-After"), "whole seconds, rounded up: never sooner than asked");
        assertEquals(200, calls.get("/secrets").status());
    }

    @Test
    void faultsNeverBreakTheChallengeHandshake() {
        VaultService service = VaultService.builder().clock(clock).build();
        service.faults().failNext(1, 503, "*");
        ServiceCalls calls = new ServiceCalls(service);
        assertEquals(401, calls.as(new Caller.Anonymous()).get("/secrets").status());
        assertEquals(503, calls.get("/secrets").status());
    }

    @Test
    void injectedLatencyIsWaitedForThroughTheSleeper() {
        VaultService service = VaultService.builder().clock(clock).build();
        List<Duration> waited = new ArrayList<>();
        service.faults().sleeper(waited::add);
        service.faults().delayNext(1, Duration.ofMillis(750), "SecretGet");
        ServiceCalls calls = new ServiceCalls(service);
        assertEquals(200, calls.get("/secrets/openai-api-key/").status());
        assertEquals(200, calls.get("/secrets/openai-api-key/").status());
        assertEquals(List.of(Duration.ofMillis(750)), waited);
        service.faults().delayAll(Duration.ofMillis(20), "SecretList");
        calls.get("/secrets");
        calls.get("/secrets");
        assertEquals(3, waited.size());
        service.faults().clear();
        calls.get("/secrets");
        assertEquals(3, waited.size());
    }

    @Test
    void faultsAreClearedByReset() {
        VaultService service = VaultService.builder().clock(clock).build();
        service.faults().failNext(5, 503, "SecretGet");
        service.reset();
        assertEquals(200, new ServiceCalls(service).get("/secrets/openai-api-key/").status());
    }
}
