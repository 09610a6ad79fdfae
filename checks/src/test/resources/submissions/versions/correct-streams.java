// expect: pass
// BEGIN LIST_VERSIONS
        return client.listPropertiesOfSecretVersions(name).stream()
                .sorted(Comparator.comparing(SecretProperties::getCreatedOn, Comparator.reverseOrder()))
                .map(p -> new VersionRow(p.getVersion(), p.isEnabled(), p.getCreatedOn(), p.getUpdatedOn(), p.getExpiresOn()))
                .toList();
// END LIST_VERSIONS
// BEGIN FALLBACK_VERSION
        Instant now = Instant.now(clock);
        return client.listPropertiesOfSecretVersions(name).stream()
                .filter(p -> Boolean.TRUE.equals(p.isEnabled()))
                .filter(p -> p.getExpiresOn() == null || p.getExpiresOn().toInstant().isAfter(now))
                .max(Comparator.comparing(SecretProperties::getCreatedOn))
                .map(p -> new Fallback(p.getVersion(), p.getCreatedOn(), p.getExpiresOn(), "@Microsoft.KeyVault(SecretUri=" + p.getId() + ")"))
                .orElse(null);
// END FALLBACK_VERSION
