package dev.kvlab.vault.secrets;

import java.util.Map;

/**
 * An error answer in Azure's envelope, {@code {"error":{"code","message","innererror":{"code"}}}}. Operations throw
 * it; the service turns it into the response, so no bad input ever reaches the client as a 500.
 */
public final class KeyVaultError extends RuntimeException {
    private final int status;
    private final String code;
    private final String innerCode;
    private final Map<String, String> headers;

    public KeyVaultError(int status, String code, String message, String innerCode, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.innerCode = innerCode;
        this.headers = headers;
    }

    public KeyVaultError(int status, String code, String message) {
        this(status, code, message, null, Map.of());
    }

    public static KeyVaultError badParameter(String message) {
        return new KeyVaultError(400, "BadParameter", message);
    }

    public static KeyVaultError secretNotFound(String name) {
        return new KeyVaultError(404, "SecretNotFound", "A secret with (name/id) " + name + " was not found in this "
                + "key vault. If you recently deleted this secret you may be able to recover it using the correct "
                + "recovery command. For help resolving this issue, please see "
                + "https://go.microsoft.com/fwlink/?linkid=2125182");
    }

    public static KeyVaultError deletedSecretNotFound(String name) {
        return new KeyVaultError(404, "SecretNotFound", "Deleted Secret not found: " + name);
    }

    public static KeyVaultError deletedButRecoverable(String name) {
        return new KeyVaultError(409, "Conflict", "Secret " + name + " is currently in a deleted but recoverable "
                + "state, and its name cannot be reused; in this state, the secret can only be recovered or purged.",
                "ObjectIsDeletedButRecoverable", Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String innerCode() {
        return innerCode;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
