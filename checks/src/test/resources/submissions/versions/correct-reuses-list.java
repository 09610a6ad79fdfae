// expect: pass
// BEGIN FALLBACK_VERSION
        // listVersions already sorts newest first: the first usable row is the one
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (VersionRow row : listVersions(client, name)) {
            if (Boolean.TRUE.equals(row.enabled()) && (row.expiresOn() == null || row.expiresOn().isAfter(now))) {
                String id = client.getVaultUrl().replaceAll("/+$", "") + "/secrets/" + name + "/" + row.version();
                return new Fallback(row.version(), row.createdOn(), row.expiresOn(), "@Microsoft.KeyVault(SecretUri=" + id + ")");
            }
        }
        return null;
// END FALLBACK_VERSION
