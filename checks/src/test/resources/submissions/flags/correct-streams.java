// expect: pass
// BEGIN READ_FLAGS
        return config.listConfigurationSettings(new SettingSelector().setKeyFilter(KEY_PREFIX + idPrefix + "*"))
                .stream()
                .filter(s -> s instanceof FeatureFlagConfigurationSetting)
                .map(s -> (FeatureFlagConfigurationSetting) s)
                .map(f -> new Flag(f.getFeatureId(), f.getLabel(), f.isEnabled(),
                        f.getClientFilters().stream().map(FeatureFlagFilter::getName).toList()))
                .sorted(Comparator.comparing(Flag::id).thenComparing(f -> f.label() == null ? "" : "~" + f.label()))
                .toList();
// END READ_FLAGS
// BEGIN IN_ROLLOUT
        if (percentage == 100) {
            return true;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(contextId.getBytes(StandardCharsets.UTF_8));
            long marker = (h[0] & 0xFF) | (h[1] & 0xFF) << 8 | (h[2] & 0xFF) << 16 | (long) (h[3] & 0xFF) << 24;
            return marker * 100.0 / 4294967295.0 < percentage;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
// END IN_ROLLOUT
