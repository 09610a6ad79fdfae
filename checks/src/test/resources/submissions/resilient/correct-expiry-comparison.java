// expect: pass
// BEGIN CACHE_GET
            // each entry is fresh until fetchedAt + ttl; the map's compute makes threads take turns per name
            final long now = nanoTime.getAsLong();
            Entry fast = entries.get(name);
            if (fast != null && fast.fetchedAt() + ttl.toNanos() > now) {
                return fast.value();
            }
            return entries.compute(name, (key, old) -> {
                if (old != null && old.fetchedAt() + ttl.toNanos() > now) {
                    return old;
                }
                Entry fetched = new Entry(client.getSecret(key).getValue(), now);
                vaultCalls.incrementAndGet();
                return fetched;
            }).value();
// END CACHE_GET
