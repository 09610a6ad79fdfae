// expect: fail the first read loads the sentinel and every setting once
// message: never read the clock
// times the interval with System.nanoTime() instead of the clock it was handed
// BEGIN REFRESH_IF_DUE
            long now = System.nanoTime();
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
            if (polled.getStatusCode() == 304) {
                return;
            }
            Snapshot loaded = loadAll(polled.getValue());
            sentinel = polled.getValue();
            current = loaded;
// END REFRESH_IF_DUE
