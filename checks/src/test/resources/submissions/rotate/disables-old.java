// expect: fail leaves the previous version readable
// message: previous version
// BEGIN ROTATE_SECRET
        KeyVaultSecret current = client.getSecret(name);
        KeyVaultSecret now = client.setSecret(new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(Map.of("environment", "development", "rotated", "true"))));
        // "retire" the old value
        client.updateSecretProperties(current.getProperties().setEnabled(false));
        return new Rotation(name, current.getProperties().getVersion(), Mask.value(current.getValue()),
                now.getProperties().getVersion(), Mask.value(now.getValue()), now.getProperties().getCreatedOn(),
                now.getProperties().getTags());
// END ROTATE_SECRET
