// expect: pass
// the listing collected with a stream into a sorted, unmodifiable map
// BEGIN LOAD_ALL
            String labelFilter = label == null ? "\0" : label;
            Map<String, String> settings = client
                    .listConfigurationSettings(new SettingSelector().setKeyFilter(prefix + "*").setLabelFilter(labelFilter))
                    .stream()
                    .collect(java.util.stream.Collectors.toMap(ConfigurationSetting::getKey,
                            ConfigurationSetting::getValue, (a, b) -> b, TreeMap::new));
            return new Snapshot(sentinel.getValue(), java.util.Collections.unmodifiableMap(settings));
// END LOAD_ALL
