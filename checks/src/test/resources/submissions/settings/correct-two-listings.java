// expect: pass
// BEGIN LOAD_SETTINGS
        // two listings: the defaults (no label), then the environment's, which overwrite them
        Map<String, ConfigurationSetting> chosen = new TreeMap<>();
        List<String> labels = new ArrayList<>();
        labels.add("\0");
        if (environment != null && !environment.isBlank()) {
            labels.add(environment);
        }
        for (String label : labels) {
            for (ConfigurationSetting s : config.listConfigurationSettings(
                    new SettingSelector().setKeyFilter(prefix + "*").setLabelFilter(label))) {
                chosen.put(s.getKey(), s);
            }
        }
        List<LoadedSetting> loaded = new ArrayList<>();
        chosen.forEach((key, s) -> {
            if (!(s instanceof SecretReferenceConfigurationSetting reference)) {
                loaded.add(new LoadedSetting(key, s.getLabel(), s.getValue(), FROM_STORE, null, null));
                return;
            }
            try {
                loaded.add(resolveReference(secrets, key, s.getLabel(), reference.getSecretId()));
            } catch (IllegalArgumentException e) {
                loaded.add(new LoadedSetting(key, s.getLabel(), null, FROM_KEY_VAULT, null, key + ": broken Key Vault reference"));
            }
        });
        return loaded;
// END LOAD_SETTINGS
