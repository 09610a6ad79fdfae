// expect: fail cachedRetrieval logs each access
// message: is logged as
// BEGIN CACHED_RETRIEVAL
        // a miss taken to be the first time a name is seen
        SecretCache cache = new SecretCache(client, TTL, nanoTime);
        List<Access> accessLog = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int round = 1; round <= rounds; round++) {
            for (String name : names) {
                String value = cache.get(name);
                accessLog.add(new Access(round, name, seen.add(name) ? "cache miss" : "cache hit", Mask.value(value)));
            }
        }
        return new CacheReport(accessLog, cache.vaultCalls(), accessLog.size(), TTL.toSeconds());
// END CACHED_RETRIEVAL
