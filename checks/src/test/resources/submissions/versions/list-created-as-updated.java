// expect: fail lists every version, newest first
// message: updatedOn
// BEGIN LIST_VERSIONS
        List<VersionRow> rows = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            rows.add(new VersionRow(p.getVersion(), p.isEnabled(), p.getCreatedOn(), p.getCreatedOn(), p.getExpiresOn()));
        }
        rows.sort(Comparator.comparing(VersionRow::createdOn).reversed());
        return rows;
// END LIST_VERSIONS
