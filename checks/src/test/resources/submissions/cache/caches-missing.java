// expect: fail does not cache a failed read
// message: did not ask the vault again
// BEGIN CACHE_GET
            // a missing secret is remembered as null for the whole ttl
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < ttl.toNanos()) {
                return cached.value();
            }
            String value = null;
            try {
                value = client.getSecret(name).getValue();
            } catch (com.azure.core.exception.ResourceNotFoundException e) {
                // not there (yet)
            }
            vaultCalls++;
            entries.put(name, new Entry(value, now));
            return value;
// END CACHE_GET
