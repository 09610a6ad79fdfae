// expect: pass
// BEGIN CACHE_GET
            // the entry keeps the time it runs out (fetched + ttl) in its second field
            long now = nanoTime.getAsLong();
            Entry cached = entries.get(name);
            if (cached != null && now - cached.fetchedAt() < 0) {
                return cached.value();
            }
            String value = client.getSecret(name).getValue();
            ++vaultCalls;
            entries.put(name, new Entry(value, now + ttl.toNanos()));
            return value;
// END CACHE_GET
