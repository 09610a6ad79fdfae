// expect: fail uses the TTL it is given
// message: use the ttl you are given
// BEGIN CACHE_GET
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < 30_000_000_000L) {
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            vaultCalls++;
            entries.put(name, new Entry(secret.getValue(), now));
            return secret.getValue();
// END CACHE_GET
