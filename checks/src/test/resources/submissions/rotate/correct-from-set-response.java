// expect: pass
// BEGIN ROTATE_SECRET
        KeyVaultSecret before;
        try {
            before = client.getSecret(name);
        } catch (ResourceNotFoundException e) {
            before = null;
        }
        SecretProperties props = new SecretProperties().setContentType("text/plain");
        props.setTags(Map.of("rotated", "true", "environment", "development"));
        KeyVaultSecret after = client.setSecret(new KeyVaultSecret(name, newValue).setProperties(props));
        return new Rotation(name,
                before == null ? null : before.getProperties().getVersion(),
                before == null ? null : Mask.value(before.getValue()),
                after.getProperties().getVersion(), Mask.value(after.getValue()),
                after.getProperties().getCreatedOn(), after.getProperties().getTags());
// END ROTATE_SECRET
