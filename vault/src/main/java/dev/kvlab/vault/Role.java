package dev.kvlab.vault;

import java.util.List;

/**
 * Azure's built-in roles as far as secrets are concerned: each role grants a set of data actions (wildcards as in
 * Azure's role definitions). {@link #CONTRIBUTOR} is a management-plane role and grants no data action at all, so a
 * Contributor gets 403 ForbiddenByRbac from the data plane exactly as on Azure.
 */
public enum Role {
    SECRETS_USER("Key Vault Secrets User",
            "Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action"),
    SECRETS_OFFICER("Key Vault Secrets Officer",
            "Microsoft.KeyVault/vaults/secrets/*",
            "Microsoft.KeyVault/vaults/deletedSecrets/*"),
    READER("Key Vault Reader",
            "Microsoft.KeyVault/vaults/*/read",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action"),
    ADMINISTRATOR("Key Vault Administrator",
            "Microsoft.KeyVault/vaults/*"),
    PURGE_OPERATOR("Key Vault Purge Operator",
            "Microsoft.KeyVault/vaults/deletedSecrets/delete"),
    CONTRIBUTOR("Contributor");

    private final String displayName;
    private final List<String> dataActions;

    Role(String displayName, String... dataActions) {
        this.displayName = displayName;
        this.dataActions = List.of(dataActions);
    }

    /** The role's name as the Azure portal shows it, e.g. "Key Vault Secrets User". */
    public String displayName() {
        return displayName;
    }

    public List<String> dataActions() {
        return dataActions;
    }

    /** Whether this role grants {@code action}; a {@code *} in a granted action matches any run of characters. */
    public boolean allows(String action) {
        for (String granted : dataActions) {
            if (matches(granted, action)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String action) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equalsIgnoreCase(action);
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return action.length() >= prefix.length() + suffix.length()
                && action.regionMatches(true, 0, prefix, 0, prefix.length())
                && action.regionMatches(true, action.length() - suffix.length(), suffix, 0, suffix.length());
    }
}
