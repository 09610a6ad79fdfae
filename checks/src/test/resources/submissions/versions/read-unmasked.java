// expect: fail reads the version asked for
// message: the value is not masked
// BEGIN READ_VERSION
        KeyVaultSecret secret = client.getSecret(name, version);
        return new PinnedRead(secret.getProperties().getVersion(), secret.getValue(), secret.getProperties().getCreatedOn());
// END READ_VERSION
