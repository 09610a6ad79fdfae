// expect: fail one conditional GET of the sentinel per interval with reads
// message: read the sentinel no times
// reloads every setting each interval without asking the sentinel
// BEGIN REFRESH_IF_DUE
            long now = nanoTime.getAsLong();
            if (current == null) {
                sentinel = client.getConfigurationSetting(sentinelKey, label);
                current = loadAll(sentinel);
                lastPoll = now;
                return;
            }
            if (now - lastPoll < interval.toNanos()) {
                return;
            }
            lastPoll = now;
            Snapshot loaded = loadAll(sentinel);
            current = loaded;
// END REFRESH_IF_DUE
