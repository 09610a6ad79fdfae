package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.quote;
import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.times;
import static dev.kvlab.checks.support.CheckFailed.unless;

import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckVault;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.LearnerObject;
import dev.kvlab.checks.support.ForbiddenApis;
import dev.kvlab.checks.support.LearnerCode;
import dev.kvlab.checks.support.TestClock;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.CachedRetrieval;
import dev.kvlab.exercises.CachedRetrieval.Access;
import dev.kvlab.exercises.CachedRetrieval.CacheReport;
import dev.kvlab.exercises.CachedRetrieval.SecretCache;
import dev.kvlab.runtime.Mask;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exercise 4 (cache): vault calls saved within the TTL, a fresh read after it, time from the clock given. */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CachedRetrievalCheck {
    static final String GET = "CACHE_GET";
    static final String RETRIEVAL = "CACHED_RETRIEVAL";

    /** Two fresh secrets and their values. */
    private record Pair(String a, String aValue, String b, String bValue) {}

    private static Pair pair(CheckVault vault, Random random) {
        Pair p = new Pair(vault.name(TestData.name(random, "cached")), TestData.longValue(random),
                vault.name(TestData.name(random, "cached")), TestData.longValue(random));
        vault.put(p.a(), p.aValue(), "text/plain", java.util.Map.of());
        vault.put(p.b(), p.bValue(), "text/plain", java.util.Map.of());
        vault.requests().clear();
        return p;
    }

    private static String get(LearnerObject cache, String name, String expected) {
        String value = cache.call("get", name);
        unless(expected.equals(value), () -> "region " + GET + ": get(\"" + name + "\") returned "
                + quote(value == null ? null : Mask.value(value)) + ", expected the secret's value "
                + quote(Mask.value(expected)) + " (return the whole value; only reports mask it)");
        return value;
    }

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("10 accesses to 2 secrets within the TTL cost 2 vault calls")
    @Check(task = 1, region = GET, hint = "keep each value with the nanoTime it was fetched at, in a map by name; "
            + "call client.getSecret only when there is no entry or now - fetchedAt >= ttl")
    void cachesWithinTtl(Learner learner, CheckVault vault, TestClock clock, Random random) {
        Pair p = pair(vault, random);
        LearnerObject cache = learner.create(SecretCache.class, vault.client(), Duration.ofSeconds(30), clock);
        for (int round = 0; round < 5; round++) {
            get(cache, p.a(), p.aValue());
            clock.advance(Duration.ofMillis(random.nextInt(2500)));
            get(cache, p.b(), p.bValue());
            clock.advance(Duration.ofMillis(random.nextInt(2500)));
        }
        int calls = vault.requests().valueReads().size();
        unless(calls == 2, () -> "region " + GET + " made " + calls + " vault calls for 10 accesses within the "
                + "30 s TTL, expected 2 (one per secret): serve repeated reads from the cache");
        unless(vault.requests().readsOf(p.a()).size() == 1 && vault.requests().readsOf(p.b()).size() == 1,
                () -> "region " + GET + " read one secret twice and the other never: cache each name separately");
        int counted = cache.<Integer>call("vaultCalls");
        unless(counted == 2, () -> "region " + GET + ": vaultCalls() is " + counted
                + " but the vault saw 2 calls: count each getSecret call");
    }

    @Order(2)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reads the vault again once the TTL has passed")
    @Check(task = 1, region = GET, hint = "read the time with nanoTime.getAsLong() on every get and treat an entry "
            + "older than ttl as missing; never System.nanoTime() or Instant.now(): use the clock you are given")
    void refetchesAfterTtl(Learner learner, CheckVault vault, TestClock clock, Random random) {
        Pair p = pair(vault, random);
        LearnerObject cache = learner.create(SecretCache.class, vault.client(), Duration.ofSeconds(30), clock);
        get(cache, p.a(), p.aValue());
        clock.advance(Duration.ofSeconds(29));
        get(cache, p.a(), p.aValue());
        unless(vault.requests().readsOf(p.a()).size() == 1, () -> "region " + GET + " called the vault again 29 s "
                + "after the first read, within the 30 s TTL: serve it from the cache");
        String newValue = TestData.longValue(random);
        vault.put(p.a(), newValue, "text/plain", java.util.Map.of()); // the secret was rotated meanwhile
        clock.advance(Duration.ofSeconds(2));
        String after = cache.call("get", p.a());
        int reads = vault.requests().readsOf(p.a()).size();
        if (reads == 1) {
            String why = clock.reads() == 0
                    ? "it never asked the clock it was given (nanoTime) for the time: a cache on the wall clock "
                            + "(System.nanoTime, currentTimeMillis, Instant.now) cannot be tested and ignores the TTL here"
                    : "its entries never expire: compare now - fetchedAt with the ttl on every get";
            throw new dev.kvlab.checks.support.CheckFailed("region " + GET + " did not read the vault again 31 s "
                    + "after the first read (TTL 30 s): " + why);
        }
        unless(reads == 2, () -> "region " + GET + " read the secret " + times(reads) + " in all, expected twice");
        unless(newValue.equals(after), () -> "region " + GET + " returned the old value after the TTL: return the "
                + "value it just fetched");
        clock.advance(Duration.ofSeconds(5));
        get(cache, p.a(), newValue);
        unless(vault.requests().readsOf(p.a()).size() == 2, () -> "region " + GET + " did not cache the value it "
                + "fetched after the TTL: store it with the time it was fetched");
    }

    @Order(3)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("uses the TTL it is given, not a fixed one")
    @Check(task = 1, region = GET, hint = "compare with the ttl field (ttl.toNanos()), not with 30 seconds")
    void honoursGivenTtl(Learner learner, CheckVault vault, TestClock clock, Random random) {
        Pair p = pair(vault, random);
        long seconds = random.nextBoolean() ? 5 + random.nextInt(20) : 40 + random.nextInt(80);
        LearnerObject cache = learner.create(SecretCache.class, vault.client(), Duration.ofSeconds(seconds), clock);
        get(cache, p.a(), p.aValue());
        clock.advance(Duration.ofSeconds(seconds - 1));
        get(cache, p.a(), p.aValue());
        unless(vault.requests().readsOf(p.a()).size() == 1, () -> "region " + GET + " with a TTL of " + seconds
                + " s called the vault again after " + (seconds - 1) + " s: use the ttl you are given");
        clock.advance(Duration.ofSeconds(2));
        get(cache, p.a(), p.aValue());
        unless(vault.requests().readsOf(p.a()).size() == 2, () -> "region " + GET + " with a TTL of " + seconds
                + " s did not call the vault again after " + (seconds + 1) + " s: use the ttl you are given");
    }

    @Order(4)
    @DisplayName("takes the time only from the clock it is given")
    @Check(task = 1, region = GET, hint = "call nanoTime.getAsLong(); System.nanoTime, System.currentTimeMillis, "
            + "Instant.now and Clock belong in main, which passes System::nanoTime")
    void usesGivenClock(Learner learner, CheckVault vault, TestClock clock, LearnerCode code, Random random) {
        Pair p = pair(vault, random);
        learner.create(SecretCache.class, vault.client(), Duration.ofSeconds(30), clock).call("get", p.a()); // not implemented fails here
        Set<String> nowTypes = Set.of("java.time.Instant", "java.time.LocalDateTime", "java.time.OffsetDateTime",
                "java.time.ZonedDateTime", "java.time.LocalTime", "java.time.LocalDate", "java.time.Year");
        code.require(ForbiddenApis.noAccess("take time from the clock given",
                a -> {
                    String owner = a.getTargetOwner().getName();
                    String name = a.getName();
                    return owner.equals("java.lang.System") && (name.equals("nanoTime") || name.equals("currentTimeMillis"))
                            || nowTypes.contains(owner) && name.equals("now")
                            || owner.equals("java.time.Clock") || owner.equals("java.util.Date")
                            || owner.equals("java.util.Calendar");
                }), "the cache reads another clock than the one it is given");
    }

    @Order(5)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("cachedRetrieval logs each access as a cache hit or miss and counts the vault calls")
    @Check(task = 2, region = RETRIEVAL, hint = "one SecretCache with TTL for all rounds; compare vaultCalls() "
            + "before and after each get to tell a miss from a hit; rounds count from 1; mask values with Mask.value")
    void reportsHitsAndMisses(Learner learner, CheckVault vault, TestClock clock, Random random) {
        Pair p = pair(vault, random);
        int rounds = 3 + random.nextInt(4);
        List<String> names = List.of(p.a(), p.b());
        CacheReport report = learner.call("cachedRetrieval", vault.client(), names, rounds, clock);
        unless(report != null && report.accessLog() != null, () -> "region " + RETRIEVAL
                + " returned no report or no access log");
        int calls = vault.requests().valueReads().size();
        unless(calls == 2, () -> "region " + RETRIEVAL + " made " + calls + " vault calls for " + rounds
                + " rounds of 2 secrets within the TTL, expected 2: read through one SecretCache");
        List<Access> log = report.accessLog();
        unless(log.size() == rounds * 2, () -> "region " + RETRIEVAL + " logged " + log.size() + " accesses for "
                + rounds + " rounds of 2 secrets, expected " + rounds * 2);
        for (int i = 0; i < log.size(); i++) {
            Access a = log.get(i);
            int round = i / 2 + 1;
            String name = names.get(i % 2);
            String value = i % 2 == 0 ? p.aValue() : p.bValue();
            String result = round == 1 ? "cache miss" : "cache hit";
            int at = i + 1;
            unless(a.round() == round && name.equals(a.secret()), () -> "region " + RETRIEVAL + ": access " + at
                    + " is round " + a.round() + " of " + a.secret() + ", expected round " + round + " of " + name
                    + " (rounds count from 1, names in the order given)");
            unless(result.equals(a.result()), () -> "region " + RETRIEVAL + ": access " + at + " (round " + round
                    + ", " + name + ") is logged as " + quote(a.result()) + ", expected " + quote(result));
            unless(Mask.value(value).equals(a.value()), () -> "region " + RETRIEVAL + ": access " + at
                    + " shows the value as " + quote(a.value() != null && a.value().contains(value) ? "(the whole value)"
                    : a.value()) + ", expected Mask.value of it, " + quote(Mask.value(value)));
        }
        unless(report.vaultCalls() == 2, () -> "region " + RETRIEVAL + ": vaultCalls is " + report.vaultCalls()
                + ", the vault saw 2 calls");
        unless(report.totalAccesses() == log.size(), () -> "region " + RETRIEVAL + ": totalAccesses is "
                + report.totalAccesses() + ", the log has " + log.size());
        unless(report.ttlSeconds() == CachedRetrieval.TTL.toSeconds(), () -> "region " + RETRIEVAL
                + ": ttlSeconds is " + report.ttlSeconds() + ", expected " + CachedRetrieval.TTL.toSeconds());
    }
}
