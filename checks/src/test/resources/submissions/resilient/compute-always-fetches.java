// expect: fail 8 threads asking for a secret at once cost one vault call
// message: made 8 vault calls
// BEGIN CACHE_GET
            // compute makes the threads take turns, but each turn fetches again: the value is not looked at inside
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < ttl.toNanos()) {
                return cached.value();
            }
            return entries.compute(name, (key, entry) -> {
                vaultCalls.incrementAndGet();
                return new Entry(client.getSecret(key).getValue(), now);
            }).value();
// END CACHE_GET
