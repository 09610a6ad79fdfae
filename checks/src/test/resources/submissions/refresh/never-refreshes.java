// expect: fail a changed sentinel reloads every setting once, whole
// message: read the sentinel no times
// loads once and never polls again
// BEGIN REFRESH_IF_DUE
            long now = nanoTime.getAsLong();
            if (current == null) {
                sentinel = client.getConfigurationSetting(sentinelKey, label);
                current = loadAll(sentinel);
                lastPoll = now;
                return;
            }
            if (now - lastPoll >= 0) {
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
