// expect: fail a read survives 5 throttled answers in a row
// message: Key Vault's guidance retries 5 times
// BEGIN RESILIENT_CLIENT
        // the options are made, but never handed to the builder
        RetryOptions retry = new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(MAX_RETRIES).setBaseDelay(BASE_DELAY).setMaxDelay(MAX_DELAY));
        return builder.buildClient();
// END RESILIENT_CLIENT
