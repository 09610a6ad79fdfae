// expect: fail disables one version and leaves the others as they were
// message: still enabled
// BEGIN SET_ENABLED
        // takes the first version listed, whichever it is
        SecretProperties properties = client.listPropertiesOfSecretVersions(name).iterator().next();
        SecretProperties updated = client.updateSecretProperties(properties.setEnabled(enabled));
        return new VersionState(version, updated.isEnabled(), updated.getUpdatedOn());
// END SET_ENABLED
