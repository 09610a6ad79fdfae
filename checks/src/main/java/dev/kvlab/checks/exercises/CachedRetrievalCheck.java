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
import dev.kvlab.checks.support.LearnerThrew;
import dev.kvlab.checks.support.TestClock;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.CachedRetrieval;
import dev.kvlab.exercises.CachedRetrieval.Access;
import dev.kvlab.exercises.CachedRetrieval.CacheReport;
import dev.kvlab.exercises.CachedRetrieval.SecretCache;
import dev.kvlab.runtime.Mask;
import dev.kvlab.vault.AuditEvent;
import dev.kvlab.vault.LocalVault;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import java.util.function.LongSupplier;
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
    @Check(task = 1, region = GET, hint = "task 1: the entries map holds, per name, a value and when it was fetched; "
            + "a get that finds a fresh entry answers from it without asking the vault")
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
    @Check(task = 1, region = GET, hint = "task 1 and the note above it: where does a get learn the time, and what "
            + "makes an entry too old to serve? The check moves the clock it hands in, no other")
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
        int counted = cache.<Integer>call("vaultCalls");
        unless(counted == 2, () -> "region " + GET + ": vaultCalls() is " + counted + " but the vault saw 2 calls "
                + "(one of them after the TTL): count each getSecret call");
    }

    @Order(3)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("uses the TTL it is given, not a fixed one")
    @Check(task = 1, region = GET, hint = "the cache is given its ttl in the constructor: which field holds it, and "
            + "where does a fixed number of seconds hide in your comparison?")
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
    @Tag(Check.SHARED_VAULT)
    @DisplayName("expires a value exactly when it is ttl old, not a nanosecond sooner")
    @Check(task = 1, region = GET, hint = "task 1 says when an entry is still fresh: compare the age in nanoseconds "
            + "with ttl.toNanos() (the ttl may have a fraction of a second), and mind which side of the comparison an "
            + "age of exactly ttl falls on")
    void expiresExactlyAtTtl(Learner learner, CheckVault vault, TestClock clock, Random random) {
        Pair p = pair(vault, random);
        // a fraction of a second too: the ttl is a Duration, compared in nanoseconds (or milliseconds), not seconds
        Duration ttl = Duration.ofSeconds(5 + random.nextInt(115)).plusMillis(1 + random.nextInt(999));
        LearnerObject cache = learner.create(SecretCache.class, vault.client(), ttl, clock);
        get(cache, p.a(), p.aValue());
        clock.advance(ttl.minusNanos(1));
        get(cache, p.a(), p.aValue());
        unless(vault.requests().readsOf(p.a()).size() == 1, () -> "region " + GET + " with a TTL of " + ttl
                + " called the vault again when the value was 1 ns younger than that: an entry is fresh while "
                + "now - fetchedAt < ttl");
        clock.advance(Duration.ofNanos(1));
        get(cache, p.a(), p.aValue());
        unless(vault.requests().readsOf(p.a()).size() == 2, () -> "region " + GET + " with a TTL of " + ttl
                + " served the cached value when it was exactly that old, expected a vault call: an entry whose "
                + "age is the ttl has expired");
    }

    @Order(5)
    @DisplayName("counts a value's age from the start of the get that fetched it, while the clock moves")
    @Check(task = 1, region = GET, hint = "time passes while the vault answers: read the clock once, at the start of "
            + "get, and store that same time with the value you fetch (task 1)")
    void agesFromStartOfGet(Learner learner, CheckVault vault, LocalVault local, TestClock clock, Random random) {
        Pair p = pair(vault, random);
        Duration ttl = Duration.ofSeconds(10 + random.nextInt(80)).plusMillis(random.nextInt(1000));
        Duration fetch = Duration.ofMillis(100 + random.nextInt(2900));
        // each value read takes `fetch` on the check's clock: the clock moves inside get, during the vault call
        java.util.function.Consumer<AuditEvent> slow = e -> {
            if (e.operation().equals("SecretGet")) {
                clock.advance(fetch);
            }
        };
        LearnerObject cache = learner.create(SecretCache.class, vault.client(), ttl, clock);
        local.auditLog().addListener(slow);
        try {
            long start = clock.getAsLong();
            get(cache, p.a(), p.aValue());
            int fetched = vault.requests().readsOf(p.a()).size();
            unless(fetched == 1, () -> "region " + GET + " read " + p.a() + " " + times(fetched) + " from the vault "
                    + "in its first get, expected once");
            for (int cycle = 1; cycle <= 2; cycle++) {
                int reads = vault.requests().readsOf(p.a()).size();
                clock.advance(Duration.ofNanos(start + ttl.toNanos() - 1 - clock.getAsLong()));
                int asked = clock.reads();
                get(cache, p.a(), p.aValue());
                int times = clock.reads() - asked;
                unless(times == 1, () -> "region " + GET + " asked the clock " + times(times) + " in one get, "
                        + "expected once: read it once, at the start of get, and use that time throughout");
                unless(vault.requests().readsOf(p.a()).size() == reads, () -> "region " + GET + " called the vault "
                        + "again for a value fetched by a get that began less than the TTL (" + ttl + ") ago");
                clock.advance(Duration.ofNanos(1));
                start = clock.getAsLong();
                int askedBefore = clock.reads();
                get(cache, p.a(), p.aValue());
                int timesOnMiss = clock.reads() - askedBefore;
                unless(timesOnMiss == 1, () -> "region " + GET + " asked the clock " + times(timesOnMiss) + " in "
                        + "one get that went to the vault, expected once: read it once, at the start of get, and "
                        + "store that time with the value");
                unless(vault.requests().readsOf(p.a()).size() == reads + 1, () -> "region " + GET + " served a value "
                        + "fetched by a get that began exactly the TTL (" + ttl + ") ago, expected a vault call: the "
                        + "vault took " + fetch.toMillis() + " ms to answer, and the age counts from the time read at "
                        + "the start of get, not from after the vault call");
            }
        } finally {
            local.auditLog().removeListener(slow);
        }
    }

    @Order(6)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("does not cache a failed read: the next get asks the vault again")
    @Check(task = 1, region = GET, hint = "store an entry only once the vault has answered with a value; when "
            + "getSecret throws, nothing may be kept for that name")
    void doesNotCacheFailures(Learner learner, CheckVault vault, TestClock clock, Random random) {
        String name = vault.name(TestData.name(random, "later"));
        String value = TestData.longValue(random);
        LearnerObject cache = learner.create(SecretCache.class, vault.client(), Duration.ofSeconds(30), clock);
        vault.requests().clear();
        String missing = getFailing(cache, name);
        unless(missing == null, () -> "region " + GET + ": get(\"" + name + "\") returned " + quote(Mask.value(missing))
                + " for a secret the vault does not hold (404 SecretNotFound)");
        unless(vault.requests().readsOf(name).size() == 1, () -> "region " + GET + " did not ask the vault for "
                + name + " on the first get");
        KeyVaultSecret stored = vault.put(name, value, "text/plain", java.util.Map.of());
        clock.advance(Duration.ofSeconds(1 + random.nextInt(5)));
        String now = cache.call("get", name);
        unless(vault.requests().readsOf(name).size() == 2, () -> "region " + GET + " did not ask the vault again "
                + "after a failed read of " + name + " (404 SecretNotFound): a failure must not be cached, the next "
                + "get must try the vault again");
        unless(value.equals(now), () -> "region " + GET + ": get(\"" + name + "\") returned " + quote(Mask.value(now))
                + " once the secret existed, expected its value " + quote(Mask.value(value)));

        // the entry expires, and the vault refuses the next read: the latest version was disabled meanwhile
        clock.advance(Duration.ofSeconds(31 + random.nextInt(30)));
        vault.admin().updateSecretProperties(stored.getProperties().setEnabled(false));
        getFailing(cache, name);
        unless(vault.requests().readsOf(name).size() == 3, () -> "region " + GET + " did not ask the vault for "
                + name + " once its entry was older than the TTL");
        vault.admin().updateSecretProperties(stored.getProperties().setEnabled(true));
        clock.advance(Duration.ofSeconds(1 + random.nextInt(5)));
        get(cache, name, value);
        unless(vault.requests().readsOf(name).size() == 4, () -> "region " + GET + " did not ask the vault again "
                + "after a refused read of " + name + " (403 Forbidden): a failure must not be cached or renew an "
                + "entry, the next get must try the vault again");
    }

    /** A get the vault refuses: what it returned (null when it threw the vault's exception). */
    private static String getFailing(LearnerObject cache, String name) {
        try {
            return cache.call("get", name);
        } catch (LearnerThrew e) {
            if (e.isA(com.azure.core.exception.HttpResponseException.class)) {
                return null;
            }
            throw e;
        }
    }

    @Order(7)
    @DisplayName("takes the time only from the clock it is given")
    @Check(task = 1, region = GET, hint = "the note before task 1 says where time comes from; see what main passes "
            + "in, and why the check needs a clock of its own")
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

    @Order(8)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("cachedRetrieval logs each access as a cache hit or miss and counts the vault calls")
    @Check(task = 2, region = RETRIEVAL, hint = "task 2: how many caches, made with which ttl, for all the rounds? "
            + "What tells a hit from a miss (vaultCalls())? How are rounds numbered, and how are values shown?")
    void reportsHitsAndMisses(Learner learner, CheckVault vault, Random random) {
        Pair p = pair(vault, random);
        int rounds = 3 + random.nextInt(4);
        List<String> names = List.of(p.a(), p.b());
        // time moves on between accesses, so that some entries outlive the TTL during the rounds: each get reads the
        // clock once, and every read is `step` later than the one before
        long ttl = CachedRetrieval.TTL.toNanos();
        long min = ttl / (2L * (rounds - 1)) + 1;
        long step = min + (long) (random.nextDouble() * (ttl / 2 - min));
        SteppingClock clock = new SteppingClock(1_000_000_000L + (random.nextLong() >>> 8), step);
        CacheReport report = learner.call("cachedRetrieval", vault.client(), names, rounds, clock);
        unless(report != null && report.accessLog() != null, () -> "region " + RETRIEVAL
                + " returned no report or no access log");
        int accesses = rounds * 2;
        unless(clock.reads() == accesses, () -> "region " + GET + " asked the clock " + times(clock.reads())
                + " during " + accesses + " accesses, expected once per get (cachedRetrieval leaves the clock to "
                + "the cache)");
        // what one SecretCache with TTL does on this clock
        List<String> expected = new java.util.ArrayList<>();
        java.util.Map<String, Long> fetchedAt = new java.util.HashMap<>();
        for (int i = 0; i < accesses; i++) {
            long now = i * step;
            Long at = fetchedAt.get(names.get(i % 2));
            if (at != null && now - at < ttl) {
                expected.add("cache hit");
            } else {
                expected.add("cache miss");
                fetchedAt.put(names.get(i % 2), now);
            }
        }
        int misses = (int) expected.stream().filter("cache miss"::equals).count();
        int calls = vault.requests().valueReads().size();
        unless(calls == misses, () -> "region " + RETRIEVAL + " made " + calls + " vault calls for " + rounds
                + " rounds of 2 secrets, " + (step / 1_000_000) + " ms apart, expected " + misses + " (a TTL of "
                + CachedRetrieval.TTL.toSeconds() + " s): read through one SecretCache made with TTL");
        List<Access> log = report.accessLog();
        unless(log.size() == accesses, () -> "region " + RETRIEVAL + ": logged " + log.size() + " accesses for "
                + rounds + " rounds of 2 secrets, expected " + accesses);
        for (int i = 0; i < log.size(); i++) {
            Access a = log.get(i);
            int round = i / 2 + 1;
            String name = names.get(i % 2);
            String value = i % 2 == 0 ? p.aValue() : p.bValue();
            String result = expected.get(i);
            int at = i + 1;
            unless(a != null && a.round() == round && name.equals(a.secret()), () -> "region " + RETRIEVAL
                    + ": access " + at + " is " + (a == null ? "null" : "round " + a.round() + " of " + a.secret())
                    + ", expected round " + round + " of " + name + " (rounds count from 1, names in the order given)");
            unless(result.equals(a.result()), () -> "region " + RETRIEVAL + ": access " + at + " (round " + round
                    + ", " + name + ") is logged as " + quote(a.result()) + ", expected " + quote(result)
                    + (result.equals("cache miss") && round > 1 ? " (its entry was older than the TTL by then)" : ""));
            unless(Mask.value(value).equals(a.value()), () -> "region " + RETRIEVAL + ": access " + at
                    + " shows the value as " + quote(a.value() != null && a.value().contains(value) ? "(the whole value)"
                    : a.value()) + ", expected Mask.value of it, " + quote(Mask.value(value)));
        }
        unless(report.vaultCalls() == misses, () -> "region " + RETRIEVAL + ": vaultCalls is " + report.vaultCalls()
                + ", the vault saw " + misses + " calls");
        unless(report.totalAccesses() == log.size(), () -> "region " + RETRIEVAL + ": totalAccesses is "
                + report.totalAccesses() + ", the log has " + log.size());
        unless(report.ttlSeconds() == CachedRetrieval.TTL.toSeconds(), () -> "region " + RETRIEVAL
                + ": ttlSeconds is " + report.ttlSeconds() + ", expected " + CachedRetrieval.TTL.toSeconds());
    }

    /** A nanosecond clock that is {@code step} later at every read: time passes between the cache's accesses. */
    private static final class SteppingClock implements LongSupplier {
        private long now;
        private final long step;
        private int reads;

        SteppingClock(long start, long step) {
            this.now = start;
            this.step = step;
        }

        @Override
        public synchronized long getAsLong() {
            reads++;
            long t = now;
            now += step;
            return t;
        }

        synchronized int reads() {
            return reads;
        }
    }
}
