// expect: fail gives the Key Vault reference pinned
// message: pinnedReference
// BEGIN FALLBACK_VERSION
        Instant now = clock.instant();
        SecretProperties best = null;
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            boolean usable = Boolean.TRUE.equals(p.isEnabled()) && (p.getExpiresOn() == null || now.isBefore(p.getExpiresOn().toInstant()));
            if (usable && (best == null || p.getCreatedOn().isAfter(best.getCreatedOn()))) {
                best = p;
            }
        }
        return best == null ? null : new Fallback(best.getVersion(), best.getCreatedOn(), best.getExpiresOn(),
                "@Microsoft.KeyVault(SecretUri=" + client.getVaultUrl() + "/secrets/" + name + "/)");
// END FALLBACK_VERSION
