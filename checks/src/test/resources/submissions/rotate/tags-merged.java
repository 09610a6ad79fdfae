// expect: fail gives the new version content type text/plain
// message: expected exactly
// BEGIN ROTATE_SECRET
        KeyVaultSecret current = client.getSecret(name);
        Map<String, String> tags = new java.util.HashMap<>(current.getProperties().getTags());
        tags.put("environment", "development");
        tags.put("rotated", "true");
        KeyVaultSecret next = new KeyVaultSecret(name, newValue)
                .setProperties(new SecretProperties().setContentType("text/plain").setTags(tags));
        KeyVaultSecret now = client.setSecret(next);
        return new Rotation(name, current.getProperties().getVersion(), Mask.value(current.getValue()),
                now.getProperties().getVersion(), Mask.value(now.getValue()), now.getProperties().getCreatedOn(),
                now.getProperties().getTags());
// END ROTATE_SECRET
