// expect: fail reads the vault again once the TTL has passed on the clock it is given
// message: expected a second read
// BEGIN CACHE_GET
            // secrets rarely change: fetch once, keep forever
            return entries.computeIfAbsent(name, key -> {
                vaultCalls.incrementAndGet();
                return new Entry(client.getSecret(key).getValue(), nanoTime.getAsLong());
            }).value();
// END CACHE_GET
