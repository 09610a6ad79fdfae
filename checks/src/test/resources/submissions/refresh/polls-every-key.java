// expect: fail one conditional GET of the sentinel per interval with reads
// message: polls only the sentinel
// asks for every setting each interval instead of the sentinel
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
            boolean changed = false;
            for (Map.Entry<String, String> e : current.settings().entrySet()) {
                ConfigurationSetting now2 = client.getConfigurationSetting(e.getKey(), label);
                changed |= !now2.getValue().equals(e.getValue());
            }
            if (!changed) {
                return;
            }
            sentinel = client.getConfigurationSetting(sentinelKey, label);
            Snapshot loaded = loadAll(sentinel);
            current = loaded;
// END REFRESH_IF_DUE
