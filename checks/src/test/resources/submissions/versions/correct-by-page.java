// expect: pass
// BEGIN LIST_VERSIONS
        List<VersionRow> rows = new ArrayList<>();
        for (var page : client.listPropertiesOfSecretVersions(name).iterableByPage()) {
            for (SecretProperties p : page.getElements()) {
                rows.add(new VersionRow(p.getVersion(), p.isEnabled(), p.getCreatedOn(), p.getUpdatedOn(), p.getExpiresOn()));
            }
        }
        rows.sort((a, b) -> b.createdOn().compareTo(a.createdOn()));
        return rows;
// END LIST_VERSIONS
// BEGIN READ_VERSION
        KeyVaultSecret secret = client.getSecret(name, version);
        SecretProperties properties = secret.getProperties();
        String masked = Mask.value(secret.getValue());
        return new PinnedRead(version, masked, properties.getCreatedOn());
// END READ_VERSION
