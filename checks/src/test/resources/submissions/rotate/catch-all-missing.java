// expect: fail does not take a refused read for a missing secret
// message: only a 404
// BEGIN ROTATE_SECRET
        // any failure to read is taken for "the secret does not exist yet"
        String previousVersion = null;
        String previousValue = null;
        try {
            KeyVaultSecret current = client.getSecret(name);
            previousVersion = current.getProperties().getVersion();
            previousValue = Mask.value(current.getValue());
        } catch (Exception e) {
            // new secret
        }
        client.setSecret(new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(Map.of("environment", "development", "rotated", "true"))));
        KeyVaultSecret confirmed = client.getSecret(name);
        return new Rotation(name, previousVersion, previousValue, confirmed.getProperties().getVersion(),
                Mask.value(confirmed.getValue()), confirmed.getProperties().getCreatedOn(), confirmed.getProperties().getTags());
// END ROTATE_SECRET
