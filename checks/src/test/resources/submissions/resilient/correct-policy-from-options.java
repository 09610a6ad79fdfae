// expect: pass
// BEGIN RESILIENT_CLIENT
        ExponentialBackoffOptions backoff = new ExponentialBackoffOptions();
        backoff.setMaxRetries(MAX_RETRIES);
        backoff.setBaseDelay(BASE_DELAY);
        backoff.setMaxDelay(MAX_DELAY);
        builder.retryPolicy(new RetryPolicy(new RetryOptions(backoff)));
        return builder.buildClient();
// END RESILIENT_CLIENT
