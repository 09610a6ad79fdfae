// expect: fail makes a reference without a secret URI
// message: expected an error
// BEGIN LOAD_SETTINGS
        // one listing: the app's keys, with the environment's label or none ("\0" is "no label" in a filter)
        String labels = environment == null || environment.isBlank() ? "\0" : environment + ",\0";
        SettingSelector selector = new SettingSelector().setKeyFilter(prefix + "*").setLabelFilter(labels);
        Map<String, ConfigurationSetting> chosen = new TreeMap<>();
        for (ConfigurationSetting setting : config.listConfigurationSettings(selector)) {
            // the environment's label wins over no label, whichever the store lists first
            if (!chosen.containsKey(setting.getKey()) || setting.getLabel() != null) {
                chosen.put(setting.getKey(), setting);
            }
        }
        List<LoadedSetting> loaded = new ArrayList<>();
        for (ConfigurationSetting setting : chosen.values()) {
            if (setting instanceof SecretReferenceConfigurationSetting reference && reference.getSecretId() != null) {
                String secretId;
                try {
                    secretId = reference.getSecretId();
                } catch (IllegalArgumentException e) {
                    loaded.add(new LoadedSetting(setting.getKey(), setting.getLabel(), null, FROM_KEY_VAULT, null,
                            setting.getKey() + ": not a valid Key Vault reference (its value is not {\"uri\":\"...\"})"));
                    continue;
                }
                loaded.add(resolveReference(secrets, setting.getKey(), setting.getLabel(), secretId));
            } else {
                loaded.add(new LoadedSetting(setting.getKey(), setting.getLabel(), setting.getValue(), FROM_STORE, null, null));
            }
        }
        return loaded;
// END LOAD_SETTINGS
