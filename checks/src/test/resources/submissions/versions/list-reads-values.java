// expect: fail reads no secret value while listing versions
// message: read
// BEGIN LIST_VERSIONS
        List<VersionRow> rows = new ArrayList<>();
        for (SecretProperties listed : client.listPropertiesOfSecretVersions(name)) {
            SecretProperties p = client.getSecret(name, listed.getVersion()).getProperties();
            rows.add(new VersionRow(p.getVersion(), p.isEnabled(), p.getCreatedOn(), p.getUpdatedOn(), p.getExpiresOn()));
        }
        rows.sort(Comparator.comparing(VersionRow::createdOn).reversed());
        return rows;
// END LIST_VERSIONS
