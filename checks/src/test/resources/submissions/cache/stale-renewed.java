// expect: fail does not cache a failed read
// message: refused read
// BEGIN CACHE_GET
            // on a refusal the old value is served and its time renewed, so the vault is not asked again for a ttl
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < ttl.toNanos()) {
                return cached.value();
            }
            try {
                KeyVaultSecret secret = client.getSecret(name);
                vaultCalls++;
                entries.put(name, new Entry(secret.getValue(), now));
                return secret.getValue();
            } catch (com.azure.core.exception.HttpResponseException e) {
                if (cached == null) {
                    throw e;
                }
                entries.put(name, new Entry(cached.value(), now));
                return cached.value();
            }
// END CACHE_GET
