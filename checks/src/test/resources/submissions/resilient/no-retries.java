// expect: fail a read survives 5 throttled answers in a row
// message: after 0 retries
// BEGIN RESILIENT_CLIENT
        // "fail fast": the cache will hide the vault's hiccups
        return builder.retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(0))).buildClient();
// END RESILIENT_CLIENT
