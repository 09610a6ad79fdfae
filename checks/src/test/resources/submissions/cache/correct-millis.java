// expect: pass
// BEGIN CACHE_GET
            // ages in milliseconds, against the ttl in milliseconds
            long now = nanoTime.getAsLong();
            Entry hit = entries.get(name);
            if (hit != null && java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(now - hit.fetchedAt()) < ttl.toMillis()) {
                return hit.value();
            }
            String value = client.getSecret(name).getValue();
            entries.put(name, new Entry(value, now));
            vaultCalls = vaultCalls + 1;
            return value;
// END CACHE_GET
