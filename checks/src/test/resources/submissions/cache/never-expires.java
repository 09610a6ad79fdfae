// expect: fail reads the vault again once the TTL has passed
// message: never expire
// BEGIN CACHE_GET
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null) {
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            vaultCalls++;
            entries.put(name, new Entry(secret.getValue(), now));
            return secret.getValue();
// END CACHE_GET
