// expect: fail falls back to the newest version that is enabled and not expired
// message: did you read the clock handed in
// BEGIN FALLBACK_VERSION
        OffsetDateTime now = OffsetDateTime.now();
        SecretProperties best = null;
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            boolean usable = Boolean.TRUE.equals(p.isEnabled()) && (p.getExpiresOn() == null || p.getExpiresOn().isAfter(now));
            if (usable && (best == null || p.getCreatedOn().isAfter(best.getCreatedOn()))) {
                best = p;
            }
        }
        return best == null ? null : new Fallback(best.getVersion(), best.getCreatedOn(), best.getExpiresOn(),
                "@Microsoft.KeyVault(SecretUri=" + best.getId() + ")");
// END FALLBACK_VERSION
