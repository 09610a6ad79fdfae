// expect: fail reads the version asked for
// message: expected exactly one GET
// BEGIN READ_VERSION
        // makes sure the version exists first: a call the read does not need
        for (SecretProperties p : client.listPropertiesOfSecretVersions(name)) {
            if (p.getVersion().equals(version)) {
                KeyVaultSecret secret = client.getSecret(name, version);
                return new PinnedRead(version, Mask.value(secret.getValue()), p.getCreatedOn());
            }
        }
        return null;
// END READ_VERSION
