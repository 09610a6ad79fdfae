// expect: fail gives up after 5 retries when the vault keeps throttling
// message: expected at most 5
// BEGIN RESILIENT_CLIENT
        // addPolicy adds a second retry policy beside the builder's own: every one of its attempts is retried 3 times
        return builder.addPolicy(new RetryPolicy(new ExponentialBackoff(MAX_RETRIES, BASE_DELAY, MAX_DELAY)))
                .buildClient();
// END RESILIENT_CLIENT
