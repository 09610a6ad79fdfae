package dev.kvlab.appconfig;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * One of a store's access keys: an id and a secret, which a connection string carries as
 * {@code Endpoint=https://...;Id=<id>;Secret=<base64 secret>}. Read-only keys may only read, as on Azure.
 */
public record AccessKey(String id, byte[] secret, boolean readOnly) {

    static AccessKey generate(String idPrefix, boolean readOnly) {
        SecureRandom random = new SecureRandom();
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String id = idPrefix + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        return new AccessKey(id, secret, readOnly);
    }

    /** The connection string for a store at {@code endpoint} (no trailing slash), as the portal shows it. */
    public String connectionString(String endpoint) {
        return "Endpoint=" + endpoint + ";Id=" + id + ";Secret=" + Base64.getEncoder().encodeToString(secret);
    }

    @Override
    public String toString() {
        // the secret is a credential: keep it out of logs and assertion messages
        return "AccessKey[id=" + id + ", readOnly=" + readOnly + "]";
    }
}
