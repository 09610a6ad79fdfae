// expect: fail no request before the refresh interval has passed
// message: expected nothing
// measures the interval in whole seconds, so a 12.5 s interval polls after 12 s
// BEGIN REFRESH_IF_DUE
            long now = nanoTime.getAsLong();
            if (current == null) {
                sentinel = client.getConfigurationSetting(sentinelKey, label);
                current = loadAll(sentinel);
                lastPoll = now;
                return;
            }
            if (now - lastPoll < interval.toSeconds() * 1_000_000_000L) {
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
