// expect: fail lists every page when a secret has more than 25 versions
// message: pages
// BEGIN LIST_VERSIONS
        List<VersionRow> rows = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name).iterableByPage().iterator().next().getElements()) {
            rows.add(new VersionRow(p.getVersion(), p.isEnabled(), p.getCreatedOn(), p.getUpdatedOn(), p.getExpiresOn()));
        }
        rows.sort(Comparator.comparing(VersionRow::createdOn).reversed());
        return rows;
// END LIST_VERSIONS
