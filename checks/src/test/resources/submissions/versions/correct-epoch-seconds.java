// expect: pass
// BEGIN LIST_VERSIONS
        List<VersionRow> rows = new ArrayList<>();
        client.listPropertiesOfSecretVersions(name).forEach(p ->
                rows.add(new VersionRow(p.getVersion(), p.isEnabled(), p.getCreatedOn(), p.getUpdatedOn(), p.getExpiresOn())));
        rows.sort(Comparator.comparing((VersionRow r) -> r.createdOn().toEpochSecond()).reversed());
        return rows;
// END LIST_VERSIONS
// BEGIN FALLBACK_VERSION
        long now = clock.millis();
        SecretProperties best = null;
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            boolean enabled = p.isEnabled() != null && p.isEnabled();
            boolean expired = p.getExpiresOn() != null && p.getExpiresOn().toInstant().toEpochMilli() <= now;
            if (enabled && !expired && (best == null || p.getCreatedOn().compareTo(best.getCreatedOn()) > 0)) {
                best = p;
            }
        }
        if (best == null) {
            return null;
        }
        return new Fallback(best.getVersion(), best.getCreatedOn(), best.getExpiresOn(),
                String.format("@Microsoft.KeyVault(SecretUri=%s)", best.getId()));
// END FALLBACK_VERSION
