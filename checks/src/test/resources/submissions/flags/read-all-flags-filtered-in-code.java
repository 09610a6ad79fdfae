// expect: fail asks the store only for the feature flags under the prefix
// message: that reads more than the flags asked for
// BEGIN READ_FLAGS
        // lists every flag of the store, then keeps the prefix's: the store sends what it need not
        List<Flag> flags = new ArrayList<>();
        for (ConfigurationSetting setting : config.listConfigurationSettings(new SettingSelector().setKeyFilter(KEY_PREFIX + "*"))) {
            if (setting instanceof FeatureFlagConfigurationSetting flag && flag.getFeatureId().startsWith(idPrefix)) {
                List<String> filters = new ArrayList<>();
                flag.getClientFilters().forEach(f -> filters.add(f.getName()));
                flags.add(new Flag(flag.getFeatureId(), flag.getLabel(), flag.isEnabled(), filters));
            }
        }
        flags.sort(Comparator.comparing(Flag::id).thenComparing(Flag::label, Comparator.nullsFirst(Comparator.naturalOrder())));
        return flags;
// END READ_FLAGS
