// expect: fail takes the environment's label
// message: left out
// BEGIN LOAD_SETTINGS
        // the defaults first, then the environment's value of each default, where there is one
        List<LoadedSetting> loaded = new ArrayList<>();
        boolean hasEnvironment = environment != null && !environment.isBlank();
        for (ConfigurationSetting s : config.listConfigurationSettings(
                new SettingSelector().setKeyFilter(prefix + "*").setLabelFilter("\0"))) {
            ConfigurationSetting chosen = s;
            if (hasEnvironment) {
                try {
                    chosen = config.getConfigurationSetting(s.getKey(), environment);
                } catch (HttpResponseException e) {
                    if (e.getResponse().getStatusCode() != 404) {
                        throw e;
                    }
                    chosen = s; // no value for this environment: the default
                }
            }
            if (chosen instanceof SecretReferenceConfigurationSetting reference) {
                loaded.add(resolveReference(secrets, chosen.getKey(), chosen.getLabel(), reference.getSecretId()));
            } else {
                loaded.add(new LoadedSetting(chosen.getKey(), chosen.getLabel(), chosen.getValue(), FROM_STORE, null, null));
            }
        }
        return loaded;
// END LOAD_SETTINGS
