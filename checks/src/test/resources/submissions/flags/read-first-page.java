// expect: fail reads every page of flags
// message: read every page
// BEGIN READ_FLAGS
        SettingSelector selector = new SettingSelector().setKeyFilter(KEY_PREFIX + idPrefix + "*");
        List<Flag> flags = new ArrayList<>();
        var firstPage = config.listConfigurationSettings(selector).iterableByPage().iterator().next();
        for (ConfigurationSetting setting : firstPage.getElements()) {
            if (setting instanceof FeatureFlagConfigurationSetting flag) {
                List<String> filters = new ArrayList<>();
                flag.getClientFilters().forEach(f -> filters.add(f.getName()));
                flags.add(new Flag(flag.getFeatureId(), flag.getLabel(), flag.isEnabled(), filters));
            }
        }
        flags.sort(Comparator.comparing(Flag::id).thenComparing(Flag::label, Comparator.nullsFirst(Comparator.naturalOrder())));
        return flags;
// END READ_FLAGS
