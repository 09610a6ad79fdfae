// expect: fail 10 accesses to 2 secrets within the TTL cost 2 vault calls
// message: get(
// BEGIN CACHE_GET
            // a single slot: whatever was read last, whatever its name
            long now = nanoTime.getAsLong();
            Entry cached = entries.get("last");
            if (cached != null && now - cached.fetchedAt() < ttl.toNanos()) {
                return cached.value();
            }
            KeyVaultSecret secret = client.getSecret(name);
            vaultCalls++;
            entries.put("last", new Entry(secret.getValue(), now));
            return secret.getValue();
// END CACHE_GET
