// expect: fail 10 accesses to 2 secrets within the TTL cost 2 vault calls
// message: vaultCalls() is
// BEGIN CACHE_GET
            // counts every get, not every vault call
            vaultCalls++;
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < ttl.toNanos()) {
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            entries.put(name, new Entry(secret.getValue(), now));
            return secret.getValue();
// END CACHE_GET
