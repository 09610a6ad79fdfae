// expect: fail reads every feature flag under the prefix, with its label, switch and filters
// message: any label
// BEGIN READ_FLAGS
        // only the flags with no label: the production-labelled one is lost
        SettingSelector selector = new SettingSelector().setKeyFilter(KEY_PREFIX + idPrefix + "*").setLabelFilter("\0");
        List<Flag> flags = new ArrayList<>();
        for (ConfigurationSetting setting : config.listConfigurationSettings(selector)) {
            if (setting instanceof FeatureFlagConfigurationSetting flag) {
                List<String> filters = new ArrayList<>();
                flag.getClientFilters().forEach(f -> filters.add(f.getName()));
                flags.add(new Flag(flag.getFeatureId(), flag.getLabel(), flag.isEnabled(), filters));
            }
        }
        flags.sort(Comparator.comparing(Flag::id));
        return flags;
// END READ_FLAGS
