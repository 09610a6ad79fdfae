// expect: pass
// BEGIN ROTATE_SECRET
        java.util.Optional<KeyVaultSecret> previous;
        try {
            previous = java.util.Optional.of(client.getSecret(name));
        } catch (ResourceNotFoundException missing) {
            previous = java.util.Optional.empty();
        }
        var tags = new java.util.HashMap<String, String>();
        tags.put("environment", "development");
        tags.put("rotated", "true");
        KeyVaultSecret secret = new KeyVaultSecret(name, newValue);
        secret.getProperties().setContentType("text/plain").setTags(tags);
        client.setSecret(secret);
        KeyVaultSecret latest = client.getSecret(name);
        return new Rotation(name, previous.map(s -> s.getProperties().getVersion()).orElse(null),
                previous.map(s -> Mask.value(s.getValue())).orElse(null), latest.getProperties().getVersion(),
                Mask.value(latest.getValue()), latest.getProperties().getCreatedOn(), latest.getProperties().getTags());
// END ROTATE_SECRET
