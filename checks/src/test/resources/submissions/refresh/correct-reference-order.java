// expect: pass
// the reference solution's regions, as they are (a sanity fixture for the others to differ from)
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
            // conditional: the store answers 304 (no body) while the sentinel's ETag is unchanged
            Response<ConfigurationSetting> polled = client.getConfigurationSettingWithResponse(sentinel, null, true,
                    Context.NONE);
            if (polled.getStatusCode() == 304) {
                return;
            }
            Snapshot loaded = loadAll(polled.getValue());
            sentinel = polled.getValue();
            current = loaded;
// END REFRESH_IF_DUE
