// expect: fail expires a value exactly when it is ttl old
// message: 1 ns younger
// BEGIN CACHE_GET
            // ages compared in whole seconds: the fraction of a second in the ttl is lost
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && (now - cached.fetchedAt()) / 1_000_000_000L < ttl.getSeconds()) {
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            vaultCalls++;
            entries.put(name, new Entry(secret.getValue(), now));
            return secret.getValue();
// END CACHE_GET
