package dev.kvlab.vault;

/**
 * The names the local vault's token service and its 401 challenge share. The challenge's resource is
 * {@code https://localhost}, so a vault at {@code https://<name>.localhost:<port>} passes the Azure SDK's
 * challenge-resource verification (the vault host must end with "." + the resource's host).
 */
public final class LocalAuthority {
    /** The audience of every token and the resource named in the challenge. */
    public static final String RESOURCE = "https://localhost";
    /** A fixed, obviously local tenant id; the SDK only copies it into its token request. */
    public static final String TENANT_ID = "00000000-0000-0000-0000-00000000c0de";
    /** The authorization server the challenge names. Nothing ever calls it: local tokens come from the vault. */
    public static final String AUTHORIZATION = "https://login.microsoftonline.com/" + TENANT_ID;
    /** The principal the lab runtime and the managed-identity endpoint use by default. */
    public static final String LAB_USER = "lab-user";

    private LocalAuthority() {
    }
}
