// expect: pass
// BEGIN CACHE_GET
            // a stale entry is dropped first; then one path fetches and stores
            long now = nanoTime.getAsLong();
            entries.computeIfPresent(name, (key, entry) -> now - entry.fetchedAt() >= ttl.toNanos() ? null : entry);
            Entry entry = entries.get(name);
            if (entry == null) {
                entry = new Entry(client.getSecret(name).getValue(), now);
                vaultCalls++;
                entries.put(name, entry);
            }
            return entry.value();
// END CACHE_GET
// BEGIN CACHED_RETRIEVAL
        SecretCache cache = new SecretCache(client, TTL, nanoTime);
        List<Access> log = java.util.stream.IntStream.rangeClosed(1, rounds).boxed()
                .flatMap(round -> names.stream().map(name -> {
                    int calls = cache.vaultCalls();
                    String value = cache.get(name);
                    return new Access(round, name, cache.vaultCalls() == calls ? "cache hit" : "cache miss", Mask.value(value));
                }))
                .toList();
        return new CacheReport(log, cache.vaultCalls(), log.size(), TTL.toSeconds());
// END CACHED_RETRIEVAL
