// expect: pass
// BEGIN RESILIENT_CLIENT
        ExponentialBackoff backoff = new ExponentialBackoff(MAX_RETRIES, BASE_DELAY, MAX_DELAY);
        return builder.retryPolicy(new RetryPolicy(backoff)).buildClient();
// END RESILIENT_CLIENT
// BEGIN CACHE_GET
            // one get at a time: simple, and the vault is never asked twice for a fresh name
            synchronized (entries) {
                long now = nanoTime.getAsLong();
                Entry cached = entries.get(name);
                if (cached == null || now - cached.fetchedAt() >= ttl.toNanos()) {
                    cached = new Entry(client.getSecret(name).getValue(), now);
                    vaultCalls.incrementAndGet();
                    entries.put(name, cached);
                }
                return cached.value();
            }
// END CACHE_GET
