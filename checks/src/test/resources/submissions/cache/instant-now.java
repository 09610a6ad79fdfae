// expect: fail takes the time only from the clock it is given
// message: Instant.now
// BEGIN CACHE_GET
            long now = java.time.Instant.now().toEpochMilli() * 1_000_000L;
            nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < ttl.toNanos()) {
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            vaultCalls++;
            entries.put(name, new Entry(secret.getValue(), now));
            return secret.getValue();
// END CACHE_GET
