// expect: fail creates exactly one new version
// message: setSecret 2 times
// BEGIN ROTATE_SECRET
        KeyVaultSecret current = client.getSecret(name);
        client.setSecret(name, newValue);
        KeyVaultSecret now = client.setSecret(new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(Map.of("environment", "development", "rotated", "true"))));
        return new Rotation(name, current.getProperties().getVersion(), Mask.value(current.getValue()),
                now.getProperties().getVersion(), Mask.value(now.getValue()), now.getProperties().getCreatedOn(),
                now.getProperties().getTags());
// END ROTATE_SECRET
