// expect: fail counts a value's age from the start of the get
// message: the start of get
// BEGIN CACHE_GET
            // the time stored is read again once the vault has answered
            Entry cached = entries.get(name);
            if (cached != null && nanoTime.getAsLong() - cached.fetchedAt() < ttl.toNanos()) {
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            vaultCalls++;
            entries.put(name, new Entry(secret.getValue(), nanoTime.getAsLong()));
            return secret.getValue();
// END CACHE_GET
