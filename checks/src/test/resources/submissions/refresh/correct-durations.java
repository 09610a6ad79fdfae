// expect: pass
// compares Durations, and tells an unchanged sentinel by its ETag as well as by the 304
// BEGIN REFRESH_IF_DUE
            long now = nanoTime.getAsLong();
            boolean firstRead = current == null;
            if (!firstRead && Duration.ofNanos(now - lastPoll).compareTo(interval) < 0) {
                return;
            }
            lastPoll = now;
            if (firstRead) {
                sentinel = client.getConfigurationSetting(sentinelKey, label);
                current = loadAll(sentinel);
                return;
            }
            Response<ConfigurationSetting> polled = client.getConfigurationSettingWithResponse(sentinel, null, true,
                    Context.NONE);
            ConfigurationSetting seen = polled.getValue();
            boolean unchanged = polled.getStatusCode() == 304 || seen == null
                    || sentinel.getETag().equals(seen.getETag());
            if (!unchanged) {
                Snapshot next = loadAll(seen);
                sentinel = seen;
                current = next;
            }
// END REFRESH_IF_DUE
