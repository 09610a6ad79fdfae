// expect: fail a changed sentinel reloads every setting once, whole
// message: carries sentinel
// keeps the sentinel value of the first load in every snapshot
// BEGIN LOAD_ALL
            // no label is "\0" in a filter: a null filter would list every label
            SettingSelector selector = new SettingSelector().setKeyFilter(prefix + "*")
                    .setLabelFilter(label == null ? "\0" : label);
            Map<String, String> settings = new TreeMap<>();
            for (ConfigurationSetting setting : client.listConfigurationSettings(selector)) {
                settings.put(setting.getKey(), setting.getValue());
            }
            return new Snapshot(current == null ? sentinel.getValue() : current.sentinel(), settings);
// END LOAD_ALL
