// expect: pass
// BEGIN CACHE_GET
            long now = nanoTime.getAsLong();
            Entry e = entries.get(name);
            // keep fetchedAt, but decide with the overflow-safe difference
            if (e == null || now - e.fetchedAt() - ttl.toNanos() >= 0) {
                String fresh = client.getSecret(name).getValue();
                vaultCalls += 1;
                e = new Entry(fresh, now);
                entries.put(name, e);
            }
            return e.value();
// END CACHE_GET
// BEGIN CACHED_RETRIEVAL
        var cache = new SecretCache(client, TTL, nanoTime);
        var accessLog = new ArrayList<Access>();
        java.util.stream.IntStream.rangeClosed(1, rounds).forEach(round -> names.forEach(name -> {
            int before = cache.vaultCalls();
            String value = cache.get(name);
            accessLog.add(new Access(round, name, before == cache.vaultCalls() ? "cache hit" : "cache miss",
                    Mask.value(value)));
        }));
        return new CacheReport(List.copyOf(accessLog), cache.vaultCalls(), accessLog.size(), TTL.getSeconds());
// END CACHED_RETRIEVAL
