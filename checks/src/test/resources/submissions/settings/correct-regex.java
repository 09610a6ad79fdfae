// expect: pass
// BEGIN RESOLVE_REFERENCE
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^https://([^/]+)/secrets/([^/]+)(?:/([^/]+))?/?$")
                .matcher(secretId == null ? "" : secretId);
        String vault = URI.create(secrets.getVaultUrl()).getAuthority();
        if (!m.matches()) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": not a secret URI: " + secretId);
        }
        if (!m.group(1).equalsIgnoreCase(vault)) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": wrong vault " + m.group(1));
        }
        java.util.Optional<String> version = java.util.Optional.ofNullable(m.group(3));
        try {
            KeyVaultSecret secret = version.map(v -> secrets.getSecret(m.group(2), v)).orElseGet(() -> secrets.getSecret(m.group(2)));
            return new LoadedSetting(key, label, Mask.value(secret.getValue()), FROM_KEY_VAULT, secret.getProperties().getVersion(), null);
        } catch (HttpResponseException e) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + " -> " + m.group(2) + ": " + e.getResponse().getStatusCode());
        }
// END RESOLVE_REFERENCE
