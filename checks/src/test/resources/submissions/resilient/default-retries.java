// expect: fail a read survives 5 throttled answers in a row
// message: (the SDK's default)
// BEGIN RESILIENT_CLIENT
        // the SDK retries by itself, so the builder is enough as it is
        return builder.buildClient();
// END RESILIENT_CLIENT
