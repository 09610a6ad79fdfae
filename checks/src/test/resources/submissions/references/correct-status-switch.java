// expect: pass
// BEGIN RESOLVE
        if (value == null || !value.startsWith(PREFIX)) {
            return new Setting(name, value, null, null);
        }
        Reference ref = parse(value);
        if (ref == null) {
            return new Setting(name, value, ResolveStatus.InvalidSyntax, null);
        }
        SecretClient client = ref.vaultName() != null
                ? vaults.entrySet().stream().filter(v -> v.getKey().equalsIgnoreCase(ref.vaultName()))
                        .map(Map.Entry::getValue).findFirst().orElse(null)
                : vaults.values().stream()
                        .filter(c -> URI.create(c.getVaultUrl()).getAuthority().equalsIgnoreCase(ref.vaultHost()))
                        .findFirst().orElse(null);
        if (client == null) {
            return new Setting(name, value, ResolveStatus.VaultNotFound, null);
        }
        try {
            KeyVaultSecret secret = client.getSecret(ref.secretName(), ref.secretVersion()); // null version: the latest
            return new Setting(name, secret.getValue(), ResolveStatus.Resolved, secret.getProperties().getVersion());
        } catch (HttpResponseException e) {
            ResolveStatus status = switch (e.getResponse().getStatusCode()) {
                case 404 -> ref.secretVersion() == null ? ResolveStatus.SecretNotFound : ResolveStatus.SecretVersionNotFound;
                case 401, 403 -> ResolveStatus.AccessToKeyVaultDenied;
                default -> ResolveStatus.OtherReasons;
            };
            return new Setting(name, value, status, null);
        } catch (RuntimeException e) {
            return new Setting(name, value, ResolveStatus.OtherReasons, null);
        }
// END RESOLVE
