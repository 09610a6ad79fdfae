// expect: fail one conditional GET of the sentinel per interval with reads
// message: ifChanged true sends its ETag back
// reads the whole sentinel every interval and compares values (no ETag, no 304)
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
            ConfigurationSetting read = client.getConfigurationSetting(sentinelKey, label);
            if (read.getValue().equals(sentinel.getValue())) {
                return;
            }
            Snapshot loaded = loadAll(read);
            sentinel = read;
            current = loaded;
// END REFRESH_IF_DUE
