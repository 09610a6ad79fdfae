// expect: fail gives up after 5 retries when the vault keeps throttling
// message: expected at most 5
// BEGIN RESILIENT_CLIENT
        // more retries, to be safe
        return builder.retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(10).setBaseDelay(BASE_DELAY).setMaxDelay(MAX_DELAY))).buildClient();
// END RESILIENT_CLIENT
