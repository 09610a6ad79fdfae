// expect: pass
// BEGIN ROTATE_SECRET
        // reads the new version back by the id setSecret answered with; only a 404 means "no previous version"
        KeyVaultSecret current = null;
        try {
            current = client.getSecret(name);
        } catch (com.azure.core.exception.HttpResponseException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
        SecretProperties properties = new SecretProperties().setContentType("text/plain");
        properties.setTags(Map.of("rotated", "true", "environment", "development"));
        KeyVaultSecret written = client.setSecret(new KeyVaultSecret(name, newValue).setProperties(properties));
        KeyVaultSecret confirmed = client.getSecret(name, written.getProperties().getVersion());
        SecretProperties p = confirmed.getProperties();
        return new Rotation(name, current == null ? null : current.getProperties().getVersion(),
                current == null ? null : Mask.value(current.getValue()), p.getVersion(), Mask.value(confirmed.getValue()),
                p.getCreatedOn(), p.getTags());
// END ROTATE_SECRET
