// expect: pass
// BEGIN CACHE_GET
            final long now = nanoTime.getAsLong();
            Entry entry = entries.compute(name, (key, old) -> {
                if (old != null && Duration.ofNanos(now - old.fetchedAt()).compareTo(ttl) < 0) {
                    return old;
                }
                vaultCalls++;
                return new Entry(client.getSecret(key).getValue(), now);
            });
            return entry.value();
// END CACHE_GET
