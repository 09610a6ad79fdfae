package dev.kvlab.vault.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque blob {@code backupSecret} returns: every version of one secret, compressed and sealed with AES-GCM
 * under this installation's backup key, so only a local vault with the same key can restore it and any change to
 * the blob is detected (400 "Malformed backup blob", never a crash).
 */
public final class BackupBlob {
    public static final int MAX_VERSIONS = 500;
    private static final byte[] ASSOCIATED_DATA = "kvlab-secret-backup-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int MAX_PLAIN_BYTES = 64 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public BackupBlob(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Seals every version of {@code secret}; the caller holds the vault's read lock. */
    public String seal(Secret secret) {
        ObjectNode json = SecretJson.MAPPER.createObjectNode();
        json.put("name", secret.name());
        ArrayNode versions = json.putArray("versions");
        secret.versions().forEach(v -> versions.add(SecretStore.versionJson(v)));
        try {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(plain)) {
                gzip.write(SecretJson.bytes(json));
            }
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = cipher.doFinal(plain.toByteArray());
            byte[] blob = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, blob, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, blob, NONCE_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(blob);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a backup", e);
        }
    }

    /** The secret in {@code blob}, or 400 "Malformed backup blob" for anything this vault did not seal. */
    public Secret open(String blob) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(blob.replace('+', '-').replace('/', '_').replace("=", ""));
            if (bytes.length <= NONCE_BYTES + 16) {
                throw malformed();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] gz = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            JsonNode json = SecretJson.MAPPER.readTree(gunzip(gz));
            String name = json.path("name").asText(null);
            if (name == null || !json.path("versions").isArray() || json.path("versions").isEmpty()) {
                throw malformed();
            }
            Secret secret = new Secret(name);
            for (JsonNode v : json.path("versions")) {
                secret.put(SecretStore.version(v));
            }
            return secret;
        } catch (IllegalArgumentException | IOException | GeneralSecurityException | NullPointerException e) {
            throw malformed();
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            byte[] plain = in.readNBytes(MAX_PLAIN_BYTES + 1);
            if (plain.length > MAX_PLAIN_BYTES) {
                throw new IOException("backup too large");
            }
            return plain;
        }
    }

    private static KeyVaultError malformed() {
        return new KeyVaultError(400, "Malformed backup blob", "Malformed backup blob");
    }
}
