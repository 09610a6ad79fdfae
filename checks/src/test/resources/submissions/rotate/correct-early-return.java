// expect: pass
// BEGIN ROTATE_SECRET
        // two paths: a brand-new secret, and a rotation of an existing one
        KeyVaultSecret fresh = new KeyVaultSecret(name, newValue).setProperties(new SecretProperties()
                .setContentType("text/plain").setTags(new java.util.TreeMap<>(Map.of("environment", "development", "rotated", "true"))));
        KeyVaultSecret current;
        try {
            current = client.getSecret(name);
        } catch (ResourceNotFoundException notYet) {
            client.setSecret(fresh);
            KeyVaultSecret first = client.getSecret(name);
            return new Rotation(name, null, null, first.getProperties().getVersion(), Mask.value(first.getValue()),
                    first.getProperties().getCreatedOn(), first.getProperties().getTags());
        }
        client.setSecret(fresh);
        KeyVaultSecret latest = client.getSecret(name);
        return new Rotation(name, current.getProperties().getVersion(), Mask.value(current.getValue()),
                latest.getProperties().getVersion(), Mask.value(latest.getValue()), latest.getProperties().getCreatedOn(),
                latest.getProperties().getTags());
// END ROTATE_SECRET
