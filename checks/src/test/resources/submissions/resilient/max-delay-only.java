// expect: fail a read survives 5 throttled answers in a row
// message: after 3 retries
// BEGIN RESILIENT_CLIENT
        // the delays follow the guidance, the number of retries stays the SDK's default (3)
        return builder.retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                .setBaseDelay(BASE_DELAY).setMaxDelay(MAX_DELAY))).buildClient();
// END RESILIENT_CLIENT
