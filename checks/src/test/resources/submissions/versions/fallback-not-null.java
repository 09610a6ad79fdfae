// expect: fail answers null when no version is enabled and unexpired
// BEGIN FALLBACK_VERSION
        // falls back to the newest enabled version when none is unexpired: an expired key is worse than none
        Instant now = clock.instant();
        SecretProperties best = null;
        SecretProperties newestEnabled = null;
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            if (!Boolean.TRUE.equals(p.isEnabled())) {
                continue;
            }
            if (newestEnabled == null || p.getCreatedOn().isAfter(newestEnabled.getCreatedOn())) {
                newestEnabled = p;
            }
            boolean usable = p.getExpiresOn() == null || now.isBefore(p.getExpiresOn().toInstant());
            if (usable && (best == null || p.getCreatedOn().isAfter(best.getCreatedOn()))) {
                best = p;
            }
        }
        SecretProperties chosen = best != null ? best : newestEnabled;
        return chosen == null ? null : new Fallback(chosen.getVersion(), chosen.getCreatedOn(), chosen.getExpiresOn(),
                "@Microsoft.KeyVault(SecretUri=" + chosen.getId() + ")");
// END FALLBACK_VERSION
