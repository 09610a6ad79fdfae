// expect: fail reads the vault again once the TTL has passed
// message: TTL 30 s
// BEGIN CACHE_GET
            // every hit renews the entry: a value read often enough is never fetched again
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < ttl.toNanos()) {
                entries.put(name, new Entry(cached.value(), now));
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            vaultCalls++;
            entries.put(name, new Entry(secret.getValue(), now));
            return secret.getValue();
// END CACHE_GET
