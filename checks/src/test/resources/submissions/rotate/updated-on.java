// expect: fail reports the versions
// message: createdOn is
// BEGIN ROTATE_SECRET
        // the new version's last-changed date instead of its creation date
        String previousVersion = null;
        String previousValue = null;
        try {
            KeyVaultSecret current = client.getSecret(name);
            previousVersion = current.getProperties().getVersion();
            previousValue = Mask.value(current.getValue());
        } catch (ResourceNotFoundException e) {
            // new secret
        }
        client.setSecret(new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(Map.of("environment", "development", "rotated", "true"))));
        KeyVaultSecret confirmed = client.getSecret(name);
        return new Rotation(name, previousVersion, previousValue, confirmed.getProperties().getVersion(),
                Mask.value(confirmed.getValue()), confirmed.getProperties().getUpdatedOn(), confirmed.getProperties().getTags());
// END ROTATE_SECRET
