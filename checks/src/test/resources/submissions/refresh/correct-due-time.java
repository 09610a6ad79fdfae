// expect: pass
// keeps the time the next poll is due (in the lastPoll field) instead of the time of the last one
// BEGIN REFRESH_IF_DUE
            long now = nanoTime.getAsLong();
            if (current != null && now - lastPoll < 0) {
                return; // not due yet
            }
            lastPoll = now + interval.toNanos();
            if (current == null) {
                ConfigurationSetting first = client.getConfigurationSettingWithResponse(
                        new ConfigurationSetting().setKey(sentinelKey).setLabel(label), null, false, Context.NONE)
                        .getValue();
                current = loadAll(first);
                sentinel = first;
                return;
            }
            Response<ConfigurationSetting> polled = client.getConfigurationSettingWithResponse(sentinel, null, true,
                    Context.NONE);
            if (polled.getStatusCode() != 304) {
                ConfigurationSetting changed = polled.getValue();
                current = loadAll(changed);
                sentinel = changed;
            }
// END REFRESH_IF_DUE
