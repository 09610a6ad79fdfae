// expect: fail falls back to the newest version that is enabled and not expired
// BEGIN FALLBACK_VERSION
        Instant now = clock.instant();
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            if (Boolean.TRUE.equals(p.isEnabled()) && (p.getExpiresOn() == null || now.isBefore(p.getExpiresOn().toInstant()))) {
                return new Fallback(p.getVersion(), p.getCreatedOn(), p.getExpiresOn(), "@Microsoft.KeyVault(SecretUri=" + p.getId() + ")");
            }
        }
        return null;
// END FALLBACK_VERSION
