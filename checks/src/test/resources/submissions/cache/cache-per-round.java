// expect: fail cachedRetrieval logs each access
// message: vault calls
// BEGIN CACHED_RETRIEVAL
        List<Access> accessLog = new ArrayList<>();
        int calls = 0;
        for (int round = 1; round <= rounds; round++) {
            SecretCache cache = new SecretCache(client, TTL, nanoTime);
            for (String name : names) {
                int before = cache.vaultCalls();
                String value = cache.get(name);
                accessLog.add(new Access(round, name, cache.vaultCalls() > before ? "cache miss" : "cache hit", Mask.value(value)));
            }
            calls += cache.vaultCalls();
        }
        return new CacheReport(accessLog, calls, accessLog.size(), TTL.toSeconds());
// END CACHED_RETRIEVAL
