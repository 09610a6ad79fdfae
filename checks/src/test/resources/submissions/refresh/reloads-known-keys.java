// expect: fail a changed sentinel reloads every setting once, whole
// message: Status code 404
// reloads by reading again each key it already has: a deleted one is a 404, a new one is never seen
// BEGIN LOAD_ALL
            Map<String, String> settings = new TreeMap<>();
            if (current == null) {
                SettingSelector selector = new SettingSelector().setKeyFilter(prefix + "*")
                        .setLabelFilter(label == null ? "\0" : label);
                for (ConfigurationSetting setting : client.listConfigurationSettings(selector)) {
                    settings.put(setting.getKey(), setting.getValue());
                }
            } else {
                for (String key : current.settings().keySet()) {
                    settings.put(key, client.getConfigurationSetting(key, label).getValue());
                }
            }
            return new Snapshot(sentinel.getValue(), settings);
// END LOAD_ALL
