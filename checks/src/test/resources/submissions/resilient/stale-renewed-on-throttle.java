// expect: fail does not cache a failed or throttled read: the next get asks the vault again
// message: refused with 429 after every retry
// BEGIN CACHE_GET
            // when the vault refuses, the old value is served and kept for another ttl
            long now = nanoTime.getAsLong();
            return entries.compute(name, (key, entry) -> {
                if (entry != null && now - entry.fetchedAt() < ttl.toNanos()) {
                    return entry;
                }
                try {
                    String value = client.getSecret(key).getValue();
                    vaultCalls.incrementAndGet();
                    return new Entry(value, now);
                } catch (HttpResponseException e) {
                    if (entry == null) {
                        throw e;
                    }
                    return new Entry(entry.value(), now);
                }
            }).value();
// END CACHE_GET
