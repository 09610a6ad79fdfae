// expect: fail cachedRetrieval logs each access
// message: TTL
// BEGIN CACHED_RETRIEVAL
        // a cache of its own making, a minute long, instead of TTL
        SecretCache cache = new SecretCache(client, Duration.ofMinutes(1), nanoTime);
        List<Access> accessLog = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String name : names) {
                int callsBefore = cache.vaultCalls();
                String value = cache.get(name);
                accessLog.add(new Access(round, name, cache.vaultCalls() > callsBefore ? "cache miss" : "cache hit", Mask.value(value)));
            }
        }
        return new CacheReport(accessLog, cache.vaultCalls(), accessLog.size(), TTL.toSeconds());
// END CACHED_RETRIEVAL
