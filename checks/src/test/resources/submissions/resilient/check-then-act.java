// expect: fail 8 threads asking for a secret at once cost one vault call
// message: expected 1
// BEGIN CACHE_GET
            // exercise 4's cache on a thread-safe map: every thread that finds no entry fetches the value itself
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < ttl.toNanos()) {
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            vaultCalls.incrementAndGet();
            entries.put(name, new Entry(secret.getValue(), now));
            return secret.getValue();
// END CACHE_GET
