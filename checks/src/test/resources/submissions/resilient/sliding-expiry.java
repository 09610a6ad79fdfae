// expect: fail reads the vault again once the TTL has passed on the clock it is given
// message: expected a second read
// BEGIN CACHE_GET
            // every hit renews the entry: a value read often enough is never fetched again
            long now = nanoTime.getAsLong();
            return entries.compute(name, (key, entry) -> {
                if (entry != null && now - entry.fetchedAt() < ttl.toNanos()) {
                    return new Entry(entry.value(), now);
                }
                vaultCalls.incrementAndGet();
                return new Entry(client.getSecret(key).getValue(), now);
            }).value();
// END CACHE_GET
