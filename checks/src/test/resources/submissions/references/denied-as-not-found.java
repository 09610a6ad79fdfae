// expect: fail shows the literal reference with AccessToKeyVaultDenied when the app's role is removed
// message: expected AccessToKeyVaultDenied
// BEGIN RESOLVE
        // any refusal reads as "not found": the app cannot see it, after all
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
            KeyVaultSecret secret = reference.secretVersion() == null ? client.getSecret(reference.secretName())
                    : client.getSecret(reference.secretName(), reference.secretVersion());
            return new Setting(name, secret.getValue(), ResolveStatus.Resolved, secret.getProperties().getVersion());
        } catch (ResourceNotFoundException e) {
            return new Setting(name, value, reference.secretVersion() == null ? ResolveStatus.SecretNotFound
                    : ResolveStatus.SecretVersionNotFound, null);
        } catch (HttpResponseException e) {
            int status = e.getResponse().getStatusCode();
            return new Setting(name, value, ResolveStatus.SecretNotFound, null);
        } catch (RuntimeException e) {
            return new Setting(name, value, ResolveStatus.OtherReasons, null);
        }
// END RESOLVE
