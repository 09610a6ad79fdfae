// expect: fail one conditional GET of the sentinel per interval with reads
// message: although the sentinel had not changed
// polls the sentinel conditionally, then reloads whatever the answer
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
            Response<ConfigurationSetting> polled = client.getConfigurationSettingWithResponse(sentinel, null, true,
                    Context.NONE);
            if (polled.getValue() != null) {
                sentinel = polled.getValue();
            }
            Snapshot loaded = loadAll(sentinel);
            current = loaded;
// END REFRESH_IF_DUE
