// expect: fail lists every version, newest first
// message: newest first
// BEGIN LIST_VERSIONS
        // assumes the vault lists versions oldest first, which Key Vault never promised
        List<VersionRow> rows = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            rows.add(0, new VersionRow(p.getVersion(), p.isEnabled(), p.getCreatedOn(), p.getUpdatedOn(), p.getExpiresOn()));
        }
        return rows;
// END LIST_VERSIONS
