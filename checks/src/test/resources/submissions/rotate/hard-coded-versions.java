// expect: fail reports the versions
// message: previousVersion
// BEGIN ROTATE_SECRET
        KeyVaultSecret current = client.getSecret(name);
        KeyVaultSecret now = client.setSecret(new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(Map.of("environment", "development", "rotated", "true"))));
        return new Rotation(name, "1", Mask.value(current.getValue()), "2", Mask.value(now.getValue()),
                now.getProperties().getCreatedOn(), now.getProperties().getTags());
// END ROTATE_SECRET
