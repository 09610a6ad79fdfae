// expect: fail gives the new version content type text/plain
// message: content type
// BEGIN ROTATE_SECRET
        KeyVaultSecret current = client.getSecret(name);
        client.setSecret(name, newValue);
        KeyVaultSecret now = client.getSecret(name);
        return new Rotation(name, current.getProperties().getVersion(), Mask.value(current.getValue()),
                now.getProperties().getVersion(), Mask.value(now.getValue()), now.getProperties().getCreatedOn(),
                now.getProperties().getTags());
// END ROTATE_SECRET
