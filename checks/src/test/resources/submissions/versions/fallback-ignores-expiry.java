// expect: fail falls back to the newest version that is enabled and not expired
// message: expired
// BEGIN FALLBACK_VERSION
        SecretProperties best = null;
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            if (Boolean.TRUE.equals(p.isEnabled()) && (best == null || p.getCreatedOn().isAfter(best.getCreatedOn()))) {
                best = p;
            }
        }
        return best == null ? null : new Fallback(best.getVersion(), best.getCreatedOn(), best.getExpiresOn(),
                "@Microsoft.KeyVault(SecretUri=" + best.getId() + ")");
// END FALLBACK_VERSION
