// expect: fail loads every setting under the app's key prefix
// message: no setting with no label came back
// "\\0" in Java source is a backslash and a zero, not the NUL character that means "no label": every setting with
// no label is left out
// BEGIN LOAD_SETTINGS
        // copied from the az command line, where \0 is typed as two characters
        String labels = environment == null || environment.isBlank() ? "\\0" : environment + ",\\0";
        SettingSelector selector = new SettingSelector().setKeyFilter(prefix + "*").setLabelFilter(labels);
        Map<String, ConfigurationSetting> chosen = new TreeMap<>();
        for (ConfigurationSetting setting : config.listConfigurationSettings(selector)) {
            if (!chosen.containsKey(setting.getKey()) || environment != null && environment.equals(setting.getLabel())) {
                chosen.put(setting.getKey(), setting);
            }
        }
        List<LoadedSetting> loaded = new ArrayList<>();
        for (ConfigurationSetting setting : chosen.values()) {
            if (setting instanceof SecretReferenceConfigurationSetting reference) {
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
