// expect: fail resolves a Key Vault reference
// message: expected
// BEGIN LOAD_SETTINGS
        String labels = environment == null || environment.isBlank() ? "\0" : environment + ",\0";
        Map<String, LoadedSetting> chosen = new TreeMap<>();
        for (ConfigurationSetting s : config.listConfigurationSettings(
                new SettingSelector().setKeyFilter(prefix + "*").setLabelFilter(labels))) {
            if (!chosen.containsKey(s.getKey()) || s.getLabel() != null) {
                // every setting is a value: a Key Vault reference's value is taken as it is
                chosen.put(s.getKey(), new LoadedSetting(s.getKey(), s.getLabel(), s.getValue(), FROM_STORE, null, null));
            }
        }
        return new ArrayList<>(chosen.values());
// END LOAD_SETTINGS
