// expect: fail disables one version and leaves the others as they were
// message: updatedOn
// BEGIN SET_ENABLED
        for (SecretProperties properties : client.listPropertiesOfSecretVersions(name)) {
            if (properties.getVersion().equals(version)) {
                client.updateSecretProperties(properties.setEnabled(enabled));
                return new VersionState(version, enabled, OffsetDateTime.now());
            }
        }
        return null;
// END SET_ENABLED
