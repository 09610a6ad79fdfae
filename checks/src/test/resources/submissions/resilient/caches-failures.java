// expect: fail does not cache a failed or throttled read: the next get asks the vault again
// message: did not ask the vault again after a failed read
// BEGIN CACHE_GET
            // a missing secret is remembered too, so the vault is not asked for it again and again
            long now = nanoTime.getAsLong();
            return entries.compute(name, (key, entry) -> {
                if (entry != null && now - entry.fetchedAt() < ttl.toNanos()) {
                    return entry;
                }
                vaultCalls.incrementAndGet();
                try {
                    return new Entry(client.getSecret(key).getValue(), now);
                } catch (HttpResponseException e) {
                    return new Entry(null, now);
                }
            }).value();
// END CACHE_GET
