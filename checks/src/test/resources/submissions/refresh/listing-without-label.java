// expect: fail the first read loads the sentinel and every setting once
// message: mixes in every label
// lists by key prefix only: every label's settings, the last one listed winning
// BEGIN LOAD_ALL
            // no label is "\0" in a filter: a null filter would list every label
            SettingSelector selector = new SettingSelector().setKeyFilter(prefix + "*");
            Map<String, String> settings = new TreeMap<>();
            for (ConfigurationSetting setting : client.listConfigurationSettings(selector)) {
                settings.put(setting.getKey(), setting.getValue());
            }
            return new Snapshot(sentinel.getValue(), settings);
// END LOAD_ALL
