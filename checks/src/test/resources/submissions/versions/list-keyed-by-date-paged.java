// expect: fail lists every page when a secret has more than 25 versions
// message: rows were lost after reading
// BEGIN LIST_VERSIONS
        // (the paging check: its 26-35 versions are all created within a second or two, so most rows vanish)
        // a map by creation time loses the versions created in the same second
        java.util.TreeMap<OffsetDateTime, VersionRow> byCreated = new java.util.TreeMap<>(Comparator.reverseOrder());
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            byCreated.put(p.getCreatedOn(), new VersionRow(p.getVersion(), p.isEnabled(), p.getCreatedOn(), p.getUpdatedOn(), p.getExpiresOn()));
        }
        return new ArrayList<>(byCreated.values());
// END LIST_VERSIONS
