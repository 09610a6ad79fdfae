// expect: fail a missing flag is off
// message: never an exception
// BEGIN EVALUATE_FLAG
        ConfigurationSetting setting = config.getConfigurationSetting(KEY_PREFIX + flagId, null);
        if (!(setting instanceof FeatureFlagConfigurationSetting flag)) {
            return new Decision(flagId, false, Reason.MISSING, null); // a plain setting under a flag's key
        }
        if (!flag.isEnabled()) {
            return new Decision(flagId, false, Reason.DISABLED, null);
        }
        if (flag.getClientFilters() == null || flag.getClientFilters().isEmpty()) {
            return new Decision(flagId, true, Reason.NO_FILTERS, null);
        }
        for (FeatureFlagFilter filter : flag.getClientFilters()) {
            Map<String, Object> parameters = filter.getParameters();
            boolean passed;
            if (PERCENTAGE.equals(filter.getName())) {
                passed = inRollout(userId + "\n" + flagId, ((Number) parameters.get("Value")).doubleValue());
            } else if (TARGETING.equals(filter.getName())) {
                @SuppressWarnings("unchecked")
                Map<String, Object> audience = (Map<String, Object>) parameters.get("Audience");
                passed = targeted(audience, flagId, userId, groups);
            } else {
                passed = false; // a filter this app does not know never turns a feature on
            }
            if (passed) {
                return new Decision(flagId, true, Reason.FILTER_PASSED, filter.getName());
            }
        }
        return new Decision(flagId, false, Reason.NO_FILTER_PASSED, null);
// END EVALUATE_FLAG
