// expect: fail refuses a reference to another vault
// message: resolved the reference
// compares the reference's host with the vault's but not its port: the same host on another port is another vault
// BEGIN RESOLVE_REFERENCE
        URI id;
        try {
            id = URI.create(secretId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": unreadable reference");
        }
        URI vault = URI.create(secrets.getVaultUrl());
        List<String> parts = new ArrayList<>(List.of(id.getPath() == null ? new String[0] : id.getPath().substring(1).split("/")));
        boolean secretUri = "https".equals(id.getScheme()) && (parts.size() == 2 || parts.size() == 3)
                && parts.get(0).equals("secrets") && !parts.get(1).isEmpty();
        if (!secretUri) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": " + secretId + " names no secret");
        }
        if (!vault.getHost().equalsIgnoreCase(id.getHost())) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": points at " + id.getAuthority());
        }
        try {
            KeyVaultSecret secret = parts.size() == 3 ? secrets.getSecret(parts.get(1), parts.get(2)) : secrets.getSecret(parts.get(1));
            return new LoadedSetting(key, label, Mask.value(secret.getValue()), FROM_KEY_VAULT, secret.getProperties().getVersion(), null);
        } catch (HttpResponseException e) {
            String why = switch (e.getResponse().getStatusCode()) {
                case 404 -> "missing";
                case 403 -> "not readable (disabled, or no access)";
                default -> "HTTP " + e.getResponse().getStatusCode();
            };
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": secret " + parts.get(1) + " is " + why);
        }
// END RESOLVE_REFERENCE
