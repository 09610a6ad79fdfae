// expect: fail refuses a reference to another vault
// message: resolved the
// BEGIN RESOLVE_REFERENCE
        // the secret's name is whatever follows the last slash
        String name = secretId.substring(secretId.lastIndexOf('/') + 1);
        try {
            KeyVaultSecret secret = secrets.getSecret(name);
            return new LoadedSetting(key, label, Mask.value(secret.getValue()), FROM_KEY_VAULT, secret.getProperties().getVersion(), null);
        } catch (HttpResponseException e) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": cannot read secret " + name + " (" + ServiceError.of(e).code() + ")");
        } catch (RuntimeException e) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": " + secretId + " cannot be read");
        }
// END RESOLVE_REFERENCE
