// expect: fail reads the version asked for
// message: expected exactly one GET
// BEGIN READ_VERSION
        KeyVaultSecret secret = client.getSecret(name);
        return new PinnedRead(version, Mask.value(secret.getValue()), secret.getProperties().getCreatedOn());
// END READ_VERSION
