// expect: pass
// BEGIN RESILIENT_CLIENT
        // the SDK's own back-off delays, the guidance's number of retries
        return builder.retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(MAX_RETRIES)))
                .buildClient();
// END RESILIENT_CLIENT
// BEGIN CACHE_GET
            long now = nanoTime.getAsLong();
            Entry entry = entries.compute(name, (key, old) -> {
                if (old != null && Duration.ofNanos(now - old.fetchedAt()).compareTo(ttl) < 0) {
                    return old;
                }
                String value = client.getSecret(key).getValue();
                vaultCalls.incrementAndGet();
                return new Entry(value, now);
            });
            return entry.value();
// END CACHE_GET
