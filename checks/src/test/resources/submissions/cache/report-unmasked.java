// expect: fail cachedRetrieval logs each access
// message: the whole value
// BEGIN CACHED_RETRIEVAL
        SecretCache cache = new SecretCache(client, TTL, nanoTime);
        List<Access> accessLog = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String name : names) {
                int before = cache.vaultCalls();
                String value = cache.get(name);
                accessLog.add(new Access(round, name, cache.vaultCalls() > before ? "cache miss" : "cache hit", value));
            }
        }
        return new CacheReport(accessLog, cache.vaultCalls(), accessLog.size(), TTL.toSeconds());
// END CACHED_RETRIEVAL
