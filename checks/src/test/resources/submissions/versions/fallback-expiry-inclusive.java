// expect: fail falls back to the newest version that is enabled and not expired
// message: exactly the clock
// BEGIN FALLBACK_VERSION
        Instant now = clock.instant();
        SecretProperties best = null;
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            // still usable at the very instant it expires: one second too long
            boolean usable = Boolean.TRUE.equals(p.isEnabled())
                    && (p.getExpiresOn() == null || !p.getExpiresOn().toInstant().isBefore(now));
            if (usable && (best == null || p.getCreatedOn().isAfter(best.getCreatedOn()))) {
                best = p;
            }
        }
        return best == null ? null : new Fallback(best.getVersion(), best.getCreatedOn(), best.getExpiresOn(),
                "@Microsoft.KeyVault(SecretUri=" + best.getId() + ")");
// END FALLBACK_VERSION
