// expect: fail reads every feature flag under the prefix, with its label, switch and filters
// message: no label first
// BEGIN READ_FLAGS
        SettingSelector selector = new SettingSelector().setKeyFilter(KEY_PREFIX + idPrefix + "*");
        List<Flag> flags = new ArrayList<>();
        for (ConfigurationSetting setting : config.listConfigurationSettings(selector)) {
            if (setting instanceof FeatureFlagConfigurationSetting flag) {
                List<String> filters = new ArrayList<>();
                flag.getClientFilters().forEach(f -> filters.add(f.getName()));
                flags.add(new Flag(flag.getFeatureId(), flag.getLabel(), flag.isEnabled(), filters));
            }
        }
        // the flag with no label after the labelled one
        flags.sort(Comparator.comparing(Flag::id).thenComparing(Flag::label, Comparator.nullsLast(Comparator.naturalOrder())));
        return flags;
// END READ_FLAGS
