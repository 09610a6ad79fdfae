// expect: fail reports the versions
// message: previousVersion is
// BEGIN ROTATE_SECRET
        // the previous version taken as the oldest one in the version list
        String previousVersion = null;
        String previousValue = null;
        SecretProperties oldest = null;
        for (SecretProperties v : client.listPropertiesOfSecretVersions(name)) {
            if (oldest == null || v.getCreatedOn().isBefore(oldest.getCreatedOn())) {
                oldest = v;
            }
        }
        if (oldest != null) {
            previousVersion = oldest.getVersion();
            previousValue = Mask.value(client.getSecret(name, previousVersion).getValue());
        }
        client.setSecret(new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(Map.of("environment", "development", "rotated", "true"))));
        KeyVaultSecret confirmed = client.getSecret(name);
        return new Rotation(name, previousVersion, previousValue, confirmed.getProperties().getVersion(),
                Mask.value(confirmed.getValue()), confirmed.getProperties().getCreatedOn(), confirmed.getProperties().getTags());
// END ROTATE_SECRET
