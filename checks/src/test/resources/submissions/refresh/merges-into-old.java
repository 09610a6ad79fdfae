// expect: fail a changed sentinel reloads every setting once, whole
// message: mix of old and new
// adds the new listing to the old settings, so a deleted setting is still served
// BEGIN LOAD_ALL
            // no label is "\0" in a filter: a null filter would list every label
            SettingSelector selector = new SettingSelector().setKeyFilter(prefix + "*")
                    .setLabelFilter(label == null ? "\0" : label);
            Map<String, String> settings = current == null ? new TreeMap<>() : new TreeMap<>(current.settings());
            for (ConfigurationSetting setting : client.listConfigurationSettings(selector)) {
                settings.put(setting.getKey(), setting.getValue());
            }
            return new Snapshot(sentinel.getValue(), settings);
// END LOAD_ALL
