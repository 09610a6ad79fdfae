// expect: fail one conditional GET of the sentinel per interval with reads
// message: expected nothing
// restarts the interval only when it reloads, so after the first 304 every read polls
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
            Response<ConfigurationSetting> polled = client.getConfigurationSettingWithResponse(sentinel, null, true,
                    Context.NONE);
            if (polled.getStatusCode() == 304) {
                return;
            }
            Snapshot loaded = loadAll(polled.getValue());
            sentinel = polled.getValue();
            current = loaded;
            lastPoll = now;
// END REFRESH_IF_DUE
