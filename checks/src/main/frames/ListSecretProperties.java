///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 2: list every secret's properties without reading a value (instructions: docs/list.md)

package dev.kvlab.exercises;

import com.azure.core.http.rest.PagedIterable;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Table;
import dev.kvlab.runtime.ValueReads;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Exercise 2: an inventory of the vault's secrets that never reads a value. */
public class ListSecretProperties {

    /** One secret's properties: everything an inventory needs, and no value. */
    public record SecretSummary(String name, Boolean enabled, String contentType,
                                OffsetDateTime createdOn, OffsetDateTime updatedOn) {
    }

    /**
     * Task 1-2 (docs/list.md): lists the properties of every secret in the vault (all pages) with
     * {@code listPropertiesOfSecrets()}, without reading any secret's value.
     */
    public static List<SecretSummary> listSecretProperties(SecretClient client) {
        // BEGIN LIST_SECRETS
        throw new UnsupportedOperationException("ListSecretProperties: fill in region LIST_SECRETS in exercises/ListSecretProperties.java (see docs/list.md), then run ./jbang check list");
        // END LIST_SECRETS
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            ValueReads reads = new ValueReads();   // counts the values this client is given: an inventory needs none
            SecretClient client = Lab.client(reads);
            List<SecretSummary> secrets = listSecretProperties(client);
            System.out.println("Secret properties in " + client.getVaultUrl() + " (" + reads.summary() + ")");
            Table.of(SecretSummary.class, secrets).print();
        });
    }
}
