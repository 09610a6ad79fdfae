// expect: fail lists every version, newest first
// message: newest first
// BEGIN LIST_VERSIONS
        List<VersionRow> rows = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            rows.add(new VersionRow(p.getVersion(), p.isEnabled(), p.getCreatedOn(), p.getUpdatedOn(), p.getExpiresOn()));
        }
        rows.sort(Comparator.comparing(VersionRow::createdOn));
        return rows;
// END LIST_VERSIONS
