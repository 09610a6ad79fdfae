// expect: fail 8 threads asking for a secret at once cost one vault call
// message: vault calls, expected 1: while one thread fetches
// (the count of calls depends on how the threads meet, so the message is held to its words, not its number)
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
