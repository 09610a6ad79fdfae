package dev.kvlab.vault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Fault injection for lessons: make the next N matching requests fail with 429 or 503, or answer them late.
 * A rule matches an operation name ({@code SecretGet}, ...) or every operation when the name is null or {@code *}.
 * Faults apply to authenticated requests only, so the SDK's challenge handshake always completes.
 */
public final class Faults {

    /** How the vault waits when latency is injected; tests pass their own to avoid sleeping. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * What the service does with one request because of an injected fault; {@code retryAfter}: the wait a 429 asks
     * for.
     */
    public record Fault(int status, Duration latency, Duration retryAfter) {
    }

    /**
     * The wait an injected 429 asks for unless told otherwise: short, so a client's retries do not wait whole seconds
     * of real time.
     */
    public static final Duration RETRY_AFTER = Duration.ofMillis(20);

    private static final class Rule {
        final String operation;
        int remaining;              // Integer.MAX_VALUE: until cleared
        final int status;           // 0: latency only
        final Duration latency;
        final Duration retryAfter;

        Rule(String operation, int remaining, int status, Duration latency) {
            this(operation, remaining, status, latency, RETRY_AFTER);
        }

        Rule(String operation, int remaining, int status, Duration latency, Duration retryAfter) {
            this.operation = operation;
            this.remaining = remaining;
            this.status = status;
            this.latency = latency;
            this.retryAfter = retryAfter;
        }

        boolean matches(String op) {
            return operation == null || operation.equals("*") || operation.equalsIgnoreCase(op);
        }
    }

    /** The status of a firewall refusal (403 Forbidden / ForbiddenByFirewall). */
    public static final int FIREWALL = 403;

    private final List<Rule> rules = new ArrayList<>();
    private volatile Sleeper sleeper = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));

    /**
     * The next {@code count} requests for {@code operation} fail with {@code status}: 429 (throttled), 503 (service
     * unavailable) or 403 (refused by the vault firewall, as {@link #FIREWALL} answers).
     */
    public synchronized Faults failNext(int count, int status, String operation) {
        if (status != 429 && status != 503 && status != FIREWALL) {
            throw new IllegalArgumentException("fault status must be 429, 503 or 403 (firewall), not " + status);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        rules.add(new Rule(operation, count, status, Duration.ZERO));
        return this;
    }

    /**
     * The next {@code count} requests for {@code operation} are throttled (429), each answer asking the client to wait
     * {@code retryAfter} ({@code retry-after-ms}, and {@code Retry-After} in whole seconds, rounded up).
     */
    public synchronized Faults throttleNext(int count, Duration retryAfter, String operation) {
        if (count < 1 || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("count must be at least 1 and retryAfter positive");
        }
        rules.add(new Rule(operation, count, 429, Duration.ZERO, retryAfter));
        return this;
    }

    /** The next {@code count} requests for {@code operation} are answered {@code latency} late. */
    public synchronized Faults delayNext(int count, Duration latency, String operation) {
        if (count < 1 || latency.isNegative()) {
            throw new IllegalArgumentException("count must be at least 1 and latency not negative");
        }
        rules.add(new Rule(operation, count, 0, latency));
        return this;
    }

    /**
     * Every request for {@code operation} is refused as the vault firewall refuses a client address it does not
     * allow (403 {@code Forbidden}, innererror {@code ForbiddenByFirewall}) until {@link #clear()}.
     */
    public synchronized Faults firewall(String operation) {
        rules.add(new Rule(operation, Integer.MAX_VALUE, FIREWALL, Duration.ZERO));
        return this;
    }

    /** Every request for {@code operation} is answered {@code latency} late until {@link #clear()}. */
    public synchronized Faults delayAll(Duration latency, String operation) {
        rules.add(new Rule(operation, Integer.MAX_VALUE, 0, latency));
        return this;
    }

    public synchronized void clear() {
        rules.clear();
    }

    /** Replaces how injected latency is waited for (the default sleeps the request's thread). */
    public void sleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /** Takes the fault (if any) for one request: the summed latency and the first failure status. */
    synchronized Fault take(String operation) {
        int status = 0;
        Duration latency = Duration.ZERO;
        Duration retryAfter = RETRY_AFTER;
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (!rule.matches(operation) || (rule.status != 0 && status != 0)) {
                continue;
            }
            if (rule.status != 0) {
                status = rule.status;
                retryAfter = rule.retryAfter;
            }
            latency = latency.plus(rule.latency);
            if (rule.remaining != Integer.MAX_VALUE && --rule.remaining == 0) {
                it.remove();
            }
        }
        return status == 0 && latency.isZero() ? null : new Fault(status, latency, retryAfter);
    }

    void waitFor(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            sleeper.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
