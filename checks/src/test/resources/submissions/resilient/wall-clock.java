// expect: fail reads the vault again once the TTL has passed on the clock it is given
// message: never asked the clock it was given
// BEGIN CACHE_GET
            long now = System.nanoTime();
            return entries.compute(name, (key, entry) -> {
                if (entry != null && now - entry.fetchedAt() < ttl.toNanos()) {
                    return entry;
                }
                vaultCalls.incrementAndGet();
                return new Entry(client.getSecret(key).getValue(), now);
            }).value();
// END CACHE_GET
