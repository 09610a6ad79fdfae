// expect: fail reports the versions
// message: newVersion is
// BEGIN ROTATE_SECRET
        // "confirms" with the secret read before the new version was written
        String previousVersion = null;
        String previousValue = null;
        KeyVaultSecret current = null;
        try {
            current = client.getSecret(name);
            previousVersion = current.getProperties().getVersion();
            previousValue = Mask.value(current.getValue());
        } catch (ResourceNotFoundException e) {
            // new secret
        }
        client.setSecret(new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(Map.of("environment", "development", "rotated", "true"))));
        KeyVaultSecret confirmed = current != null ? current : client.getSecret(name);
        return new Rotation(name, previousVersion, previousValue, confirmed.getProperties().getVersion(),
                Mask.value(newValue), confirmed.getProperties().getCreatedOn(), confirmed.getProperties().getTags());
// END ROTATE_SECRET
