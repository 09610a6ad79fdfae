// expect: fail resolves versionless references to the latest value and pinned ones to their version
// message: expected the pinned version's value
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
        try {
            // the version is ignored: every reference reads the latest
            KeyVaultSecret secret = client.getSecret(reference.secretName());
            return new Setting(name, secret.getValue(), ResolveStatus.Resolved, secret.getProperties().getVersion());
        } catch (ResourceNotFoundException e) {
            return new Setting(name, value, reference.secretVersion() == null ? ResolveStatus.SecretNotFound
                    : ResolveStatus.SecretVersionNotFound, null);
        } catch (HttpResponseException e) {
            int status = e.getResponse().getStatusCode();
            return new Setting(name, value, status == 401 || status == 403 ? ResolveStatus.AccessToKeyVaultDenied
                    : ResolveStatus.OtherReasons, null);
        }
// END RESOLVE
