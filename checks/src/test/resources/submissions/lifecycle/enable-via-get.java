// expect: fail enables a disabled version again
// message: stopped with 403
// BEGIN SET_ENABLED
        SecretProperties properties = client.getSecret(name, version).getProperties();
        SecretProperties updated = client.updateSecretProperties(properties.setEnabled(enabled));
        return new VersionState(updated.getVersion(), updated.isEnabled(), updated.getUpdatedOn());
// END SET_ENABLED
