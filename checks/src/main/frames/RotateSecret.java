///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 3: create a new version of a secret, as a rotation does (instructions: docs/rotate.md)

package dev.kvlab.exercises;

import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Mask;
import dev.kvlab.runtime.Table;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Map;

/** Exercise 3: rotate a secret by writing a new version; the previous version stays readable by its id. */
public class RotateSecret {

    /** The secret {@code main} rotates. */
    public static final String SECRET_NAME = "openai-api-key";

    /**
     * What a rotation did. Values are masked with {@link Mask#value}.
     *
     * @param previousVersion the version that was current before, null if the secret did not exist
     * @param newVersion      the version the vault created, as read back
     * @param tags            the new version's tags, as read back
     */
    public record Rotation(String name, String previousVersion, String previousValue, String newVersion,
                           String newValue, OffsetDateTime createdOn, Map<String, String> tags) {
    }

    /**
     * Task 1-3 (docs/rotate.md): reads the current version of {@code name}, writes {@code newValue} as a new version
     * with content type {@code text/plain} and tags {@code environment=development}, {@code rotated=true}, then
     * reads the secret back to confirm.
     */
    public static Rotation rotateSecret(SecretClient client, String name, String newValue) {
        // BEGIN ROTATE_SECRET
        throw new UnsupportedOperationException("RotateSecret: fill in region ROTATE_SECRET in exercises/RotateSecret.java (see docs/rotate.md), then run ./jbang check rotate");
        // END ROTATE_SECRET
    }

    /** A fresh value shaped like the seeded API key, so nobody mistakes it for a real one. */
    static String newApiKey() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("sk-proj-kvlab");
        for (int i = 0; i < 40; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            SecretClient client = Lab.client();
            Rotation rotation = rotateSecret(client, SECRET_NAME, newApiKey());
            System.out.println("Rotated " + SECRET_NAME + " in " + client.getVaultUrl());
            Table.fields(rotation).print();
            if (rotation.previousVersion() != null) {
                KeyVaultSecret previous = client.getSecret(SECRET_NAME, rotation.previousVersion());
                System.out.println("The previous version " + previous.getProperties().getVersion()
                        + " is still readable by its id: " + Mask.value(previous.getValue()));
            }
        });
    }
}
