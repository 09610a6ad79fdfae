// expect: fail reports the versions
// message: createdOn
// BEGIN ROTATE_SECRET
        String previousVersion = null;
        String previousValue = null;
        OffsetDateTime created = null;
        try {
            KeyVaultSecret current = client.getSecret(name);
            previousVersion = current.getProperties().getVersion();
            previousValue = Mask.value(current.getValue());
            created = current.getProperties().getCreatedOn().minusSeconds(1);
        } catch (ResourceNotFoundException e) {
            // new secret
        }
        KeyVaultSecret now = client.setSecret(new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(Map.of("environment", "development", "rotated", "true"))));
        return new Rotation(name, previousVersion, previousValue, now.getProperties().getVersion(),
                Mask.value(now.getValue()), created != null ? created : now.getProperties().getCreatedOn(),
                now.getProperties().getTags());
// END ROTATE_SECRET
