// expect: fail reports the versions
// message: the reported tags are
// BEGIN ROTATE_SECRET
        // the tags reported are those of the version that was current before
        String previousVersion = null;
        String previousValue = null;
        Map<String, String> tags = Map.of();
        try {
            KeyVaultSecret current = client.getSecret(name);
            previousVersion = current.getProperties().getVersion();
            previousValue = Mask.value(current.getValue());
            tags = current.getProperties().getTags() == null ? Map.of() : current.getProperties().getTags();
        } catch (ResourceNotFoundException e) {
            // new secret
        }
        client.setSecret(new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(Map.of("environment", "development", "rotated", "true"))));
        KeyVaultSecret confirmed = client.getSecret(name);
        return new Rotation(name, previousVersion, previousValue, confirmed.getProperties().getVersion(),
                Mask.value(confirmed.getValue()), confirmed.getProperties().getCreatedOn(), tags);
// END ROTATE_SECRET
