// expect: fail makes a reference to a missing
// message: threw
// BEGIN RESOLVE_REFERENCE
        URI id = URI.create(secretId);
        String[] path = id.getPath() == null ? new String[0] : id.getPath().split("/");
        if (!"https".equalsIgnoreCase(id.getScheme()) || path.length < 3 || path.length > 4 || !path[1].equals("secrets")
                || path[2].isEmpty() || !id.getAuthority().equalsIgnoreCase(URI.create(secrets.getVaultUrl()).getAuthority())) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": " + secretId + " is not a secret of this vault");
        }
        KeyVaultSecret secret = path.length == 4 ? secrets.getSecret(path[2], path[3]) : secrets.getSecret(path[2]);
        return new LoadedSetting(key, label, Mask.value(secret.getValue()), FROM_KEY_VAULT, secret.getProperties().getVersion(), null);
// END RESOLVE_REFERENCE
