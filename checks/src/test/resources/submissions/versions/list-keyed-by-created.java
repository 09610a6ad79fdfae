// expect: fail lists every version, newest first
// message: one row per version
// BEGIN LIST_VERSIONS
        // a map by creation time loses the versions created in the same second
        java.util.TreeMap<OffsetDateTime, VersionRow> byCreated = new java.util.TreeMap<>(Comparator.reverseOrder());
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            byCreated.put(p.getCreatedOn(), new VersionRow(p.getVersion(), p.isEnabled(), p.getCreatedOn(), p.getUpdatedOn(), p.getExpiresOn()));
        }
        return new ArrayList<>(byCreated.values());
// END LIST_VERSIONS
