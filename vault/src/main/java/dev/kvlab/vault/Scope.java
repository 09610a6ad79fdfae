package dev.kvlab.vault;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a role assignment applies: a whole vault, or one secret in it (Azure's
 * {@code .../vaults/<vault>/secrets/<name>} scope). Names compare case-insensitively, as Key Vault's do.
 *
 * @param vault  the vault name
 * @param secret the secret name, or null for the whole vault
 */
public record Scope(String vault, String secret) {

    public Scope {
        Objects.requireNonNull(vault, "vault");
        vault = vault.toLowerCase(Locale.ROOT);
    }

    public static Scope vault(String vault) {
        return new Scope(vault, null);
    }

    public static Scope secret(String vault, String secret) {
        return new Scope(vault, Objects.requireNonNull(secret, "secret"));
    }

    /** Whether a request on {@code secretName} (null: the vault itself, e.g. a list) falls under this scope. */
    public boolean covers(String vaultName, String secretName) {
        if (!vault.equalsIgnoreCase(vaultName)) {
            return false;
        }
        return secret == null || (secretName != null && secret.equalsIgnoreCase(secretName));
    }

    /** Azure's resource path for this scope, as role assignments and 403 messages show it. */
    public String resource() {
        String base = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/kvlab/providers/"
                + "Microsoft.KeyVault/vaults/" + vault;
        return secret == null ? base : base + "/secrets/" + secret;
    }

    @Override
    public String toString() {
        return secret == null ? "vault " + vault : "secret " + vault + "/" + secret;
    }
}
