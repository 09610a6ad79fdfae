///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 1: retrieve two secrets and their metadata (instructions: docs/retrieve.md)

package dev.kvlab.exercises;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Mask;
import dev.kvlab.runtime.ServiceError;
import dev.kvlab.runtime.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Exercise 1: read secrets and report their metadata, never their whole values. */
public class RetrieveSecrets {

    /** The two secrets the lab's vault is seeded with. */
    public static final List<String> SECRET_NAMES = List.of("openai-api-key", "cosmosdb-connection-string");

    /**
     * What the lab reports about one secret.
     *
     * @param value  the value masked with {@link Mask#value}, never the whole value
     * @param status {@code retrieved}, {@code not found} or {@code error: <code>} (Azure's error code, e.g. {@code Forbidden})
     */
    public record SecretReport(String name, String value, String version, String contentType,
                               OffsetDateTime createdOn, Map<String, String> tags, String status) {

        /** The report for a secret that could not be read: its name and why, nothing else. */
        public static SecretReport unavailable(String name, String status) {
            return new SecretReport(name, null, null, null, null, Map.of(), status);
        }
    }

    /**
     * Task 1-3 (docs/retrieve.md): reads each secret in {@code names} and reports its masked value, version,
     * content type, creation time and tags. A secret that is missing or may not be read gets a report saying
     * so, and the others are still read.
     */
    public static List<SecretReport> retrieveSecrets(SecretClient client, List<String> names) {
        // BEGIN RETRIEVE_SECRETS
        throw new UnsupportedOperationException("RetrieveSecrets: fill in region RETRIEVE_SECRETS in exercises/RetrieveSecrets.java (see docs/retrieve.md), then run ./jbang check retrieve");
        // END RETRIEVE_SECRETS
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            SecretClient client = Lab.client();
            List<SecretReport> reports = retrieveSecrets(client, SECRET_NAMES);
            System.out.println("Secrets in " + client.getVaultUrl());
            Table.of(SecretReport.class, reports).print();
        });
    }
}
