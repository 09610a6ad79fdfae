// expect: pass
// BEGIN LOAD_SETTINGS
        String labels = environment == null || environment.isBlank() ? "\0" : environment + ",\0";
        List<ConfigurationSetting> listed = new ArrayList<>();
        config.listConfigurationSettings(new SettingSelector().setKeyFilter(prefix + "*").setLabelFilter(labels))
                .forEach(listed::add);
        Map<String, ConfigurationSetting> chosen = listed.stream().collect(java.util.stream.Collectors.toMap(
                ConfigurationSetting::getKey, s -> s, (a, b) -> a.getLabel() != null ? a : b, TreeMap::new));
        return chosen.values().stream().map(s -> {
            if (s instanceof SecretReferenceConfigurationSetting reference) {
                try {
                    return resolveReference(secrets, s.getKey(), s.getLabel(), reference.getSecretId());
                } catch (IllegalArgumentException e) {
                    return new LoadedSetting(s.getKey(), s.getLabel(), null, FROM_KEY_VAULT, null,
                            s.getKey() + ": the reference is not valid JSON");
                }
            }
            return new LoadedSetting(s.getKey(), s.getLabel(), s.getValue(), FROM_STORE, null, null);
        }).toList();
// END LOAD_SETTINGS
