// expect: fail keeps the literal reference and gives App Service's status when it cannot resolve
// BEGIN RESOLVE
        if (value == null || !value.startsWith(PREFIX)) {
            return new Setting(name, value, null, null);
        }
        Reference reference = parse(value);
        if (reference == null) {
            return new Setting(name, value, ResolveStatus.InvalidSyntax, null);
        }
        SecretClient client = null;
        for (Map.Entry<String, SecretClient> vault : vaults.entrySet()) {
            String host = URI.create(vault.getValue().getVaultUrl()).getAuthority();
            if (reference.vaultName() != null ? vault.getKey().equalsIgnoreCase(reference.vaultName())
                    : host.equalsIgnoreCase(reference.vaultHost())) {
                client = vault.getValue();
            }
        }
        if (client == null) {
            return new Setting(name, value, ResolveStatus.VaultNotFound, null);
        }
        // no catch: a missing secret throws out of resolve, and out of the whole refresh
        KeyVaultSecret secret = reference.secretVersion() == null ? client.getSecret(reference.secretName())
                : client.getSecret(reference.secretName(), reference.secretVersion());
        return new Setting(name, secret.getValue(), ResolveStatus.Resolved, secret.getProperties().getVersion());
// END RESOLVE
