// expect: fail makes a reference to a missing
// message: threw
// BEGIN RESOLVE_REFERENCE
        URI id;
        try {
            id = new URI(secretId);
        } catch (URISyntaxException | NullPointerException e) {
            id = null;
        }
        String[] path = id == null || id.getPath() == null ? new String[0] : id.getPath().split("/");
        // "", "secrets", name[, version]
        if (id == null || !"https".equalsIgnoreCase(id.getScheme()) || id.getHost() == null || path.length < 3
                || path.length > 4 || !path[1].equals("secrets") || path[2].isEmpty()) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": " + secretId
                    + " is not a Key Vault secret URI (https://<vault>/secrets/<name>[/<version>])");
        }
        URI vault = URI.create(secrets.getVaultUrl());
        if (!id.getHost().equalsIgnoreCase(vault.getHost()) || id.getPort() != vault.getPort()) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": refers to vault " + id.getAuthority()
                    + ", but this app reads secrets from " + vault.getAuthority());
        }
        String name = path[2];
        String version = path.length == 4 ? path[3] : null;
        try {
            // no version: the latest, so the app follows a rotation; a version: exactly that one
            KeyVaultSecret secret = version == null ? secrets.getSecret(name) : secrets.getSecret(name, version);
            return new LoadedSetting(key, label, Mask.value(secret.getValue()), FROM_KEY_VAULT,
                    secret.getProperties().getVersion(), null);
        } catch (ResourceNotFoundException e) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": secret " + name
                    + (version == null ? "" : " version " + version) + " not found in " + vault.getHost());
        }
// END RESOLVE_REFERENCE
