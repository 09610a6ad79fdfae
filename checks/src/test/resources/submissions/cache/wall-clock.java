// expect: fail reads the vault again once the TTL has passed
// message: never asked the clock
// BEGIN CACHE_GET
            long now = System.nanoTime();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < ttl.toNanos()) {
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            vaultCalls++;
            entries.put(name, new Entry(secret.getValue(), now));
            return secret.getValue();
// END CACHE_GET
