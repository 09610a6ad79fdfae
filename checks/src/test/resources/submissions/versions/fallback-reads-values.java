// expect: fail gives the Key Vault reference pinned
// message: read
// BEGIN FALLBACK_VERSION
        // tries each version by reading it: a disabled one refuses, but every other read fetches a value
        Instant now = clock.instant();
        SecretProperties best = null;
        for (SecretProperties listed : client.listPropertiesOfSecretVersions(name)) {
            SecretProperties p;
            try {
                p = client.getSecret(name, listed.getVersion()).getProperties();
            } catch (com.azure.core.exception.HttpResponseException e) {
                continue;
            }
            boolean usable = p.getExpiresOn() == null || now.isBefore(p.getExpiresOn().toInstant());
            if (usable && (best == null || p.getCreatedOn().isAfter(best.getCreatedOn()))) {
                best = p;
            }
        }
        return best == null ? null : new Fallback(best.getVersion(), best.getCreatedOn(), best.getExpiresOn(),
                "@Microsoft.KeyVault(SecretUri=" + best.getId() + ")");
// END FALLBACK_VERSION
