// expect: fail waits at least as long as the vault's Retry-After before each retry
// message: which asked for retry-after-ms: 
// BEGIN RESILIENT_CLIENT
        // a header Key Vault does not send: the fixed 5 ms delay is all the client ever waits
        return builder.retryPolicy(new RetryPolicy(
                new com.azure.core.http.policy.FixedDelay(MAX_RETRIES, Duration.ofMillis(5)),
                "x-ms-retry-after-ms", java.time.temporal.ChronoUnit.MILLIS)).buildClient();
// END RESILIENT_CLIENT
