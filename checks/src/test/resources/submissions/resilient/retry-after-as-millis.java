// expect: fail waits at least as long as the vault's Retry-After before each retry
// message: retried a throttled read
// BEGIN RESILIENT_CLIENT
        // Retry-After is in seconds: read in milliseconds, "1" is no wait at all
        return builder.retryPolicy(new RetryPolicy(new ExponentialBackoff(MAX_RETRIES, BASE_DELAY, MAX_DELAY),
                "Retry-After", java.time.temporal.ChronoUnit.MILLIS)).buildClient();
// END RESILIENT_CLIENT
