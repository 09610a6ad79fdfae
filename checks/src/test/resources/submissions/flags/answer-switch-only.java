// expect: fail answers from the semantic cache only when the flag is on for the user
// message: for whom the flag is off
// BEGIN ANSWER
        // the flag's switch alone: on for everyone once it is enabled, whoever the targeting names
        ConfigurationSetting setting = config.getConfigurationSetting(KEY_PREFIX + flagId, null);
        boolean enabled = setting instanceof FeatureFlagConfigurationSetting flag && flag.isEnabled();
        if (enabled && semanticCache.containsKey(prompt)) {
            return new Reply(FROM_CACHE, semanticCache.get(prompt));
        }
        return new Reply(FROM_MODEL, callModel(prompt));
// END ANSWER
