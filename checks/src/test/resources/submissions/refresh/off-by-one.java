// expect: fail one conditional GET of the sentinel per interval with reads
// message: expected exactly once
// waits for more than the interval: a poll exactly one interval after the last is skipped
// BEGIN REFRESH_IF_DUE
            long now = nanoTime.getAsLong();
            if (current == null) {
                sentinel = client.getConfigurationSetting(sentinelKey, label);
                current = loadAll(sentinel);
                lastPoll = now;
                return;
            }
            if (now - lastPoll <= interval.toNanos()) {
                return;
            }
            lastPoll = now;
            Response<ConfigurationSetting> polled = client.getConfigurationSettingWithResponse(sentinel, null, true,
                    Context.NONE);
            if (polled.getStatusCode() == 304) {
                return;
            }
            Snapshot loaded = loadAll(polled.getValue());
            sentinel = polled.getValue();
            current = loaded;
// END REFRESH_IF_DUE
