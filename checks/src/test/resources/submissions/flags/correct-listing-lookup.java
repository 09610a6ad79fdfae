// expect: pass
// BEGIN EVALUATE_FLAG
        // one listing for the exact key with no label: an empty page means no such flag
        SettingSelector selector = new SettingSelector().setKeyFilter(KEY_PREFIX + flagId).setLabelFilter("\0");
        FeatureFlagConfigurationSetting flag = null;
        for (ConfigurationSetting s : config.listConfigurationSettings(selector)) {
            if (s instanceof FeatureFlagConfigurationSetting f) {
                flag = f;
            }
        }
        if (flag == null) {
            return new Decision(flagId, false, Reason.MISSING, null);
        }
        if (!flag.isEnabled()) {
            return new Decision(flagId, false, Reason.DISABLED, null);
        }
        List<FeatureFlagFilter> filters = flag.getClientFilters();
        if (filters.isEmpty()) {
            return new Decision(flagId, true, Reason.NO_FILTERS, null);
        }
        for (FeatureFlagFilter filter : filters) {
            boolean passed = switch (filter.getName()) {
                case PERCENTAGE -> inRollout(userId + "\n" + flagId, Double.parseDouble(String.valueOf(filter.getParameters().get("Value"))));
                case TARGETING -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> audience = (Map<String, Object>) filter.getParameters().get("Audience");
                    yield targeted(audience, flagId, userId, groups);
                }
                default -> false;
            };
            if (passed) {
                return new Decision(flagId, true, Reason.FILTER_PASSED, filter.getName());
            }
        }
        return new Decision(flagId, false, Reason.NO_FILTER_PASSED, null);
// END EVALUATE_FLAG
