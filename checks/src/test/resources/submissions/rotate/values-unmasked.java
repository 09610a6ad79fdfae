// expect: fail reports the versions
// message: Mask.value
// BEGIN ROTATE_SECRET
        KeyVaultSecret current = client.getSecret(name);
        KeyVaultSecret now = client.setSecret(new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(Map.of("environment", "development", "rotated", "true"))));
        return new Rotation(name, current.getProperties().getVersion(), current.getValue(),
                now.getProperties().getVersion(), newValue, now.getProperties().getCreatedOn(),
                now.getProperties().getTags());
// END ROTATE_SECRET
