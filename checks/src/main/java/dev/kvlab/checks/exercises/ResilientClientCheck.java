package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.quote;
import static dev.kvlab.checks.exercises.RetrieveSecretsCheck.times;
import static dev.kvlab.checks.support.CheckFailed.unless;

import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckFailed;
import dev.kvlab.checks.support.CheckVault;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.LearnerObject;
import dev.kvlab.checks.support.LearnerThrew;
import dev.kvlab.checks.support.RequestLog.Attempt;
import dev.kvlab.checks.support.TestClock;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.ResilientClient;
import dev.kvlab.exercises.ResilientClient.Read;
import dev.kvlab.exercises.ResilientClient.SecretCache;
import dev.kvlab.runtime.Mask;
import dev.kvlab.vault.AuditEvent;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Seed;
import dev.kvlab.vault.VaultClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 9 (resilient): the learner's client survives as many throttled answers as Key Vault's guidance says and no
 * more, never retries before the vault's Retry-After (timed on the judge's side of the relay), and the learner's
 * cache makes one vault call per secret however many threads ask at once, also while the vault throttles.
 */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilientClientCheck {
    static final String CLIENT = "RESILIENT_CLIENT";
    static final String GET = "CACHE_GET";
    private static final String PAGE = "docs/resilient.md#";
    /** How much earlier than its Retry-After a retry may arrive and still count as waiting (timer granularity). */
    private static final Duration SLACK = Duration.ofMillis(2);

    /** A fresh secret and its value. */
    private record Stored(String name, String value) {}

    private static Stored stored(CheckVault vault, Random random, String base) {
        Stored s = new Stored(vault.name(TestData.name(random, base)), TestData.longValue(random));
        vault.put(s.name(), s.value(), "text/plain", Map.of());
        return s;
    }

    /** The learner's client, built from the builder the check hands in. */
    private static LearnerObject resilientClient(Learner learner, CheckVault vault) {
        Object client = learner.call("resilientClient", vault.builder());
        if (!(client instanceof LearnerObject o)) {
            throw new CheckFailed("region " + CLIENT + " returned " + (client == null ? "null" : "no client")
                    + ": build the client from the builder you are given and return it");
        }
        return o;
    }

    /** The value reads of {@code name} the vault answered (the SDK's unauthenticated first request left out). */
    private static List<Attempt> readsOf(CheckVault vault, String name) {
        return vault.requests().attempts().stream()
                .filter(a -> a.readsValue() && name.equals(a.secretName()) && a.status() != 401).toList();
    }

    private static long throttled(List<Attempt> attempts) {
        return attempts.stream().filter(a -> a.status() == 429).count();
    }

    /**
     * The first retry that came sooner than the 429 before it asked (the attempt after a 429 from the same thread for
     * the same path), as a message, or null when every retry waited.
     */
    static String earlyRetry(List<Attempt> attempts) {
        Map<String, Attempt> last = new HashMap<>();
        for (Attempt a : attempts) {
            String call = a.caller() + " " + a.method() + " " + a.path();
            Attempt before = last.put(call, a);
            if (before == null || before.status() != 429 || before.retryAfter() == null) {
                continue;
            }
            Duration waited = Duration.ofNanos(a.sentAt() - before.answeredAt());
            if (waited.plus(SLACK).compareTo(before.retryAfter()) < 0) {
                return "retried a throttled read of " + a.secretName() + " " + waited.toMillis() + " ms after the "
                        + "vault's 429, which asked for " + describe(before.retryAfter());
            }
        }
        return null;
    }

    private static String describe(Duration retryAfter) {
        return retryAfter.toMillis() % 1000 == 0 ? "Retry-After: " + retryAfter.toSeconds() + " (seconds)"
                : "retry-after-ms: " + retryAfter.toMillis();
    }

    // ---- task 1 ----

    @Order(1)
    @DisplayName("a read survives " + ResilientClient.MAX_RETRIES + " throttled answers in a row")
    @Check(task = 1, region = CLIENT, hint = "see " + PAGE + "1: the SDK retries a 429 three times by default; the "
            + "builder takes RetryOptions, made from ExponentialBackoffOptions with the exercise's constants")
    void survivesThrottling(Learner learner, CheckVault vault, LocalVault local, Random random) {
        Stored s = stored(vault, random, "busy");
        LearnerObject client = resilientClient(learner, vault);
        vault.requests().clear();
        local.faults().failNext(ResilientClient.MAX_RETRIES, 429, "SecretGet");
        Read read = learner.call("read", client, s.name());
        List<Attempt> attempts = readsOf(vault, s.name());
        int retries = attempts.size() - 1;
        unless(read != null && "read".equals(read.outcome()), () -> "region " + CLIENT + ": a read the vault throttled "
                + ResilientClient.MAX_RETRIES + " times in a row ended " + quote(read == null ? null : read.outcome())
                + " after " + retries + " retries" + (retries == 3 ? " (the SDK's default)" : "") + ": Key Vault's "
                + "guidance retries " + ResilientClient.MAX_RETRIES + " times (MAX_RETRIES)");
        unless(Mask.value(s.value()).equals(read.value()), () -> "region " + CLIENT + ": the read returned "
                + quote(read.value()) + ", expected " + quote(Mask.value(s.value())));
    }

    @Order(2)
    @DisplayName("gives up after " + ResilientClient.MAX_RETRIES + " retries when the vault keeps throttling")
    @Check(task = 1, region = CLIENT, hint = "see " + PAGE + "1: how many retries does the guidance allow, and which "
            + "option of ExponentialBackoffOptions sets them?")
    void givesUpAfterMaxRetries(Learner learner, CheckVault vault, LocalVault local, Random random) {
        Stored s = stored(vault, random, "busy");
        LearnerObject client = resilientClient(learner, vault);
        vault.requests().clear();
        int refusals = 2 * ResilientClient.MAX_RETRIES + 2 + random.nextInt(3);
        local.faults().failNext(refusals, 429, "SecretGet");
        Read read = learner.call("read", client, s.name());
        List<Attempt> attempts = readsOf(vault, s.name());
        int retries = attempts.size() - 1;
        unless(retries <= ResilientClient.MAX_RETRIES, () -> "region " + CLIENT + " retried a throttled read "
                + times(retries) + ", expected at most " + ResilientClient.MAX_RETRIES + " (MAX_RETRIES): set them on "
                + "the builder's own retry policy (retryOptions or retryPolicy); builder.addPolicy(new RetryPolicy(...)) "
                + "adds a second one, and the retries multiply on a vault that is overloaded already");
        unless(retries == ResilientClient.MAX_RETRIES, () -> "region " + CLIENT + " gave up on a throttled read after "
                + retries + " retries" + (retries == 3 ? " (the SDK's default)" : "") + ", expected "
                + ResilientClient.MAX_RETRIES + " (MAX_RETRIES)");
        unless(read != null && "failed: 429".equals(read.outcome()), () -> "region " + CLIENT + ": once its retries "
                + "were used up the read ended " + quote(read == null ? null : read.outcome())
                + ", expected the vault's 429 (an HttpResponseException) for the app to handle");
    }

    @Order(3)
    @DisplayName("waits at least as long as the vault's Retry-After before each retry")
    @Check(task = 1, region = CLIENT, hint = "see " + PAGE + "1: the SDK's RetryPolicy reads retry-after-ms and "
            + "Retry-After by itself, unless it is told to read one header in a unit of your choosing")
    void waitsForRetryAfter(Learner learner, CheckVault vault, LocalVault local, Random random) {
        Stored s = stored(vault, random, "busy");
        LearnerObject client = resilientClient(learner, vault);
        vault.requests().clear();
        int refusals = 2 + random.nextInt(ResilientClient.MAX_RETRIES - 2);
        // long enough that a client which waits too little cannot pass on a busy machine's relay delays alone
        Duration wait = Duration.ofMillis(100 + random.nextInt(101));
        local.faults().throttleNext(refusals, wait, "SecretGet");
        Read read = learner.call("read", client, s.name());
        List<Attempt> attempts = readsOf(vault, s.name());
        unless(attempts.size() > 1, () -> "region " + CLIENT + " did not retry a throttled read at all");
        String early = earlyRetry(attempts);
        unless(early == null, () -> "region " + CLIENT + " " + early + ": a retry that comes sooner is refused again "
                + "and counts against the vault's limit; let the SDK's RetryPolicy honour the vault's headers");
        unless(read != null && "read".equals(read.outcome()), () -> "region " + CLIENT + ": a read the vault throttled "
                + refusals + " times ended " + quote(read == null ? null : read.outcome()));
    }

    // ---- task 2 ----

    @Order(4)
    @Tag(Check.SHARED_VAULT)
    @DisplayName(ResilientClient.READERS + " threads asking for a secret at once cost one vault call")
    @Check(task = 2, region = GET, hint = "see " + PAGE + "2: between finding no fresh entry and storing the fetched "
            + "one, other threads find no entry either; ConcurrentHashMap.compute runs one thread at a time per key")
    void oneCallPerSecretInABurst(Learner learner, CheckVault vault, Random random) {
        List<Stored> secrets = new ArrayList<>();
        for (int i = 0; i < 2 + random.nextInt(2); i++) {
            secrets.add(stored(vault, random, "shared"));
        }
        if (vault.isLocal()) {
            // the vault answers late, as a real one across a slow network does: time for the threads to meet even
            // when the machine is busy and they are scheduled one after another
            vault.localVault().faults().delayAll(Duration.ofMillis(250), "SecretGet");
        }
        TestClock clock = new TestClock(1_000_000_000L + (random.nextLong() >>> 8));
        LearnerObject cache = learner.create(SecretCache.class, vault.client(), Duration.ofSeconds(30), clock);
        vault.requests().clear();
        List<String> names = secrets.stream().map(Stored::name).toList();
        List<Read> reads = learner.call("burst", cache, names, ResilientClient.READERS);
        requireEveryRead(reads, secrets, GET);
        for (Stored s : secrets) {
            int calls = vault.requests().readsOf(s.name()).size();
            unless(calls == 1, () -> "region " + GET + ": " + ResilientClient.READERS + " threads asking for "
                    + s.name() + " at once made " + calls + " vault calls, expected 1: while one thread fetches a "
                    + "name, the others asking for it must wait for that value instead of calling the vault too");
        }
        int counted = cache.<Integer>call("vaultCalls");
        unless(counted == secrets.size(), () -> "region " + GET + ": vaultCalls() is " + counted + " but the vault saw "
                + secrets.size() + " calls: count each getSecret call (vaultCalls is an AtomicInteger: many threads)");
    }

    /** Every read of the burst succeeded with its secret's value. */
    private static void requireEveryRead(List<Read> reads, List<Stored> secrets, String region) {
        int expected = secrets.size() * ResilientClient.READERS;
        unless(reads != null && reads.size() == expected, () -> "the burst returned " + (reads == null ? "nothing"
                : reads.size() + " reads") + ", expected " + expected);
        Map<String, String> masked = new LinkedHashMap<>();
        secrets.forEach(s -> masked.put(s.name(), Mask.value(s.value())));
        for (Read r : reads) {
            unless("read".equals(r.outcome()), () -> "region " + region + ": a read of " + r.secret() + " in the "
                    + "burst ended " + quote(r.outcome()) + ", expected every read to get the value");
            unless(Objects.equals(masked.get(r.secret()), r.value()), () -> "region " + region + ": a read of "
                    + r.secret() + " returned " + quote(r.value()) + ", expected its value "
                    + quote(masked.get(r.secret())));
        }
    }

    @Order(5)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reads the vault again once the TTL has passed on the clock it is given")
    @Check(task = 2, region = GET, hint = "see " + PAGE + "2 and exercise 4: read the clock you are given once per "
            + "get; an entry is fresh while now - fetchedAt < ttl (in nanoseconds)")
    void refetchesAfterTtl(Learner learner, CheckVault vault, TestClock clock, Random random) {
        Stored s = stored(vault, random, "cached");
        Duration ttl = Duration.ofSeconds(5 + random.nextInt(115)).plusMillis(1 + random.nextInt(999));
        LearnerObject cache = learner.create(SecretCache.class, vault.client(), ttl, clock);
        vault.requests().clear();
        String first = cache.call("get", s.name());
        unless(s.value().equals(first), () -> "region " + GET + ": get returned " + quote(Mask.value(first))
                + ", expected the secret's whole value " + quote(Mask.value(s.value())) + " (only reports mask it)");
        clock.advance(ttl.minusNanos(1));
        cache.call("get", s.name());
        unless(vault.requests().readsOf(s.name()).size() == 1, () -> "region " + GET + " with a TTL of " + ttl
                + " called the vault again when the value was 1 ns younger than that: serve it from the cache");
        String rotated = TestData.longValue(random);
        vault.put(s.name(), rotated, "text/plain", Map.of());
        clock.advance(Duration.ofNanos(1));
        String after = cache.call("get", s.name());
        int reads = vault.requests().readsOf(s.name()).size();
        unless(reads == 2, () -> "region " + GET + " with a TTL of " + ttl + " read the vault " + times(reads)
                + " when the value was exactly that old, expected a second read"
                + (clock.reads() == 0 ? " (it never asked the clock it was given for the time)" : ""));
        unless(rotated.equals(after), () -> "region " + GET + " returned the old value after the TTL: return the value "
                + "it just fetched");
    }

    @Order(6)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("does not cache a failed or throttled read: the next get asks the vault again")
    @Check(task = 2, region = GET, hint = "see " + PAGE + "2: store an entry only once the vault has answered with a "
            + "value; when getSecret throws, let the exception go to the caller and keep nothing")
    void doesNotCacheFailures(Learner learner, CheckVault vault, TestClock clock, Random random) {
        String name = vault.name(TestData.name(random, "later"));
        String value = TestData.longValue(random);
        LearnerObject cache = learner.create(SecretCache.class, vault.client(), Duration.ofSeconds(30), clock);
        vault.requests().clear();
        String missing = getFailing(cache, name);
        unless(missing == null, () -> "region " + GET + ": get(\"" + name + "\") returned " + quote(Mask.value(missing))
                + " for a secret the vault does not hold (404): let the SDK's exception reach the caller");
        vault.put(name, value, "text/plain", Map.of());
        clock.advance(Duration.ofSeconds(1 + random.nextInt(5)));
        String now = cache.call("get", name);
        unless(vault.requests().readsOf(name).size() == 2, () -> "region " + GET + " did not ask the vault again after "
                + "a failed read of " + name + " (404): a failure must not be cached");
        unless(value.equals(now), () -> "region " + GET + ": get returned " + quote(Mask.value(now)) + " once the secret "
                + "existed, expected " + quote(Mask.value(value)));
        if (!vault.isLocal()) {
            return;
        }
        // the entry expires, and the vault throttles every attempt of the next read (the client's default 3 retries)
        clock.advance(Duration.ofSeconds(31));
        vault.localVault().faults().failNext(4, 429, "SecretGet");
        String throttled = getFailing(cache, name);
        unless(throttled == null, () -> "region " + GET + ": get returned " + quote(Mask.value(throttled)) + " for a "
                + "read the vault refused with 429 after every retry: let the exception reach the caller");
        int before = vault.requests().readsOf(name).size();
        clock.advance(Duration.ofSeconds(1));
        String later = cache.call("get", name);
        unless(vault.requests().readsOf(name).size() == before + 1, () -> "region " + GET + " did not ask the vault "
                + "again after a throttled read of " + name + ": a 429 must not be cached or renew the old entry");
        unless(value.equals(later), () -> "region " + GET + ": get returned " + quote(Mask.value(later))
                + " after the throttling ended, expected " + quote(Mask.value(value)));
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

    // ---- task 3: both together ----

    @Order(7)
    @DisplayName("a burst against a throttling vault: every read succeeds, one call per secret, no early retry")
    @Check(task = 3, region = GET, hint = "see " + PAGE + "3: tasks 1 and 2 together; the vault allows one read per "
            + "window and says when the next window opens")
    void burstAgainstThrottlingVault(Learner learner, CheckVault vault, Random random) {
        // A vault that allows one read per 10-second window, its clock standing at the window's last second, so every
        // 429 says Retry-After: 1; when it throttles, its clock moves on to the next window, which is open by the time
        // the Retry-After has passed. Real waiting: about a second per throttled round.
        long window = Instant.now().getEpochSecond() / 10 * 10 + 9;
        try (LocalVault own = LocalVault.builder().seed(Seed.NONE).throttleLimits(300, 1)
                .clock(VaultClock.fixed(Instant.ofEpochSecond(window))).start()) {
            CheckVault v = vault.on(own);
            List<Stored> secrets = new ArrayList<>();
            for (int i = 0; i < 3 + random.nextInt(2); i++) {
                secrets.add(stored(v, random, "burst"));
            }
            LearnerObject client = resilientClient(learner, v);
            TestClock clock = new TestClock(1_000_000_000L + (random.nextLong() >>> 8));
            LearnerObject cache = learner.create(SecretCache.class, client, Duration.ofSeconds(30), clock);
            v.requests().clear();
            Consumer<AuditEvent> nextWindow = e -> {
                if (e.status() == 429) {
                    own.clock().advance(Duration.ofSeconds(10));
                }
            };
            own.auditLog().addListener(nextWindow);
            List<Read> reads;
            try {
                reads = learner.call("burst", cache, secrets.stream().map(Stored::name).toList(),
                        ResilientClient.READERS);
            } finally {
                own.auditLog().removeListener(nextWindow);
            }
            List<Attempt> attempts = v.requests().attempts().stream().filter(a -> a.status() != 401).toList();
            unless(throttled(attempts) > 0, () -> "the vault throttled nothing: the check could not test your code");
            String early = earlyRetry(attempts);
            unless(early == null, () -> "region " + CLIENT + " " + early + ": a retry that comes sooner is refused "
                    + "again and counts against the vault's limit");
            requireEveryRead(reads, secrets, CLIENT + " and " + GET);
            for (Stored s : secrets) {
                long ok = attempts.stream().filter(a -> a.readsValue() && s.name().equals(a.secretName())
                        && a.status() == 200).count();
                unless(ok == 1, () -> "region " + GET + ": " + ResilientClient.READERS + " threads reading "
                        + s.name() + " through the cache got " + ok + " values from the vault, expected 1: every "
                        + "extra call costs the throttled vault a request");
            }
        }
    }
}
