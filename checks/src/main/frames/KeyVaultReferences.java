///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 10: resolve App Service Key Vault references in app settings, and refresh them (instructions: docs/references.md)

package dev.kvlab.exercises;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Mask;
import dev.kvlab.runtime.Table;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exercise 10: app settings that hold Key Vault references, resolved the way App Service resolves them with the app's
 * managed identity: a versionless reference follows rotation, a pinned one does not, and a reference that cannot be
 * resolved stays the literal reference string with App Service's status saying why.
 */
public class KeyVaultReferences {

    /** What every Key Vault reference starts with; a setting that does not is a plain setting. */
    public static final String PREFIX = "@Microsoft.KeyVault(";

    /**
     * App Service's status of a Key Vault reference, with Azure's own names ({@code ResolveStatus}: what the portal and
     * {@code GET <app>/config/configreferences/appsettings} show per setting); the ones this exercise meets.
     */
    public enum ResolveStatus {
        Resolved, InvalidSyntax, VaultNotFound, SecretNotFound, SecretVersionNotFound, AccessToKeyVaultDenied,
        OtherReasons
    }

    /**
     * One app setting as the app's environment gets it. Resolved: {@code value} is the secret's whole value and
     * {@code secretVersion} the version read. A reference that did not resolve: {@code value} is the setting exactly as
     * written (the literal reference string), {@code secretVersion} null. A plain setting: its value, status null.
     */
    public record Setting(String name, String value, ResolveStatus status, String secretVersion) {
    }

    /** One row of the app's settings page: like {@link Setting}, but a resolved value is masked. */
    public record SettingRow(String name, String value, ResolveStatus status, String secretVersion) {
    }

    /**
     * Where a reference points: a vault by name ({@code VaultName=}) or by its URL's host and port ({@code SecretUri=},
     * e.g. {@code kvlab.localhost:8443} or {@code myvault.vault.azure.net}), a secret, and a version (null: the latest).
     */
    public record Reference(String vaultName, String vaultHost, String secretName, String secretVersion) {
    }

    /**
     * Task 1 (docs/references.md): what the Key Vault reference {@code setting} (a setting that starts with
     * {@link #PREFIX}) points to, or null when its syntax is not one App Service accepts (status InvalidSyntax).
     */
    public static Reference parse(String setting) {
        // BEGIN PARSE_REFERENCE
        throw new UnsupportedOperationException("KeyVaultReferences: fill in region PARSE_REFERENCE in exercises/KeyVaultReferences.java (see docs/references.md), then run ./jbang check references");
        // END PARSE_REFERENCE
    }

    /**
     * Task 2 (docs/references.md): the setting {@code name} = {@code value} as App Service resolves it, with the
     * app's clients by vault name ({@code vaults}: {@code "kvlab"} → a client for {@code https://kvlab.localhost:PORT},
     * on Azure {@code "myvault"} → {@code https://myvault.vault.azure.net}). Never throws for a setting: a reference
     * that cannot be resolved keeps its literal string and gets its status.
     */
    public static Setting resolve(String name, String value, Map<String, SecretClient> vaults) {
        // BEGIN RESOLVE
        throw new UnsupportedOperationException("KeyVaultReferences: fill in region RESOLVE in exercises/KeyVaultReferences.java (see docs/references.md), then run ./jbang check references");
        // END RESOLVE
    }

    /**
     * An app's settings, resolved as App Service resolves them when the app starts and again on each refresh.
     * {@code get} is what the app reads from its environment.
     */
    public static class AppSettings {
        private final Map<String, String> settings;
        private final Map<String, SecretClient> vaults;
        private final Map<String, Setting> current = new LinkedHashMap<>();

        /** The settings as written (name → value, in order) and the app's clients by vault name. */
        public AppSettings(Map<String, String> settings, Map<String, SecretClient> vaults) {
            this.settings = new LinkedHashMap<>(settings);
            this.vaults = new LinkedHashMap<>(vaults);
        }

        /**
         * Task 3 (docs/references.md): resolves every setting again (a rotated secret shows up, a removed role shows
         * the literal reference) and keeps the result for {@link #get}; returns the settings page, in the settings'
         * order, resolved values masked.
         */
        public List<SettingRow> refresh() {
            // BEGIN REFRESH
            throw new UnsupportedOperationException("KeyVaultReferences: fill in region REFRESH in exercises/KeyVaultReferences.java (see docs/references.md), then run ./jbang check references");
            // END REFRESH
        }

        /** The value the app sees for setting {@code name} since the last refresh; null before the first one. */
        public String get(String name) {
            Setting s = current.get(name);
            return s == null ? null : s.value();
        }

        /** App Service's status for setting {@code name} since the last refresh (null: a plain setting, or unknown). */
        public ResolveStatus status(String name) {
            Setting s = current.get(name);
            return s == null ? null : s.status();
        }
    }

    /**
     * The app settings {@code main}, the console and the notebook show, on the vault of {@code client}: a plain setting,
     * a versionless and a pinned reference to {@code openai-api-key}, a VaultName reference, and three that cannot
     * resolve (a missing secret, another vault, a missing parenthesis).
     */
    public static Map<String, String> sampleSettings(SecretClient client) {
        String vaultUrl = client.getVaultUrl().replaceAll("/+$", "");
        String vaultName = URI.create(vaultUrl).getHost().split("\\.")[0];
        String version = client.getSecret("openai-api-key").getProperties().getVersion(); // the value is not shown
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("APP_NAME", "kvlab-demo");
        settings.put("OPENAI_API_KEY", PREFIX + "SecretUri=" + vaultUrl + "/secrets/openai-api-key/)");
        settings.put("OPENAI_API_KEY_PINNED", PREFIX + "SecretUri=" + vaultUrl + "/secrets/openai-api-key/" + version + ")");
        settings.put("COSMOS_CONNECTION", PREFIX + "VaultName=" + vaultName + ";SecretName=cosmosdb-connection-string)");
        settings.put("MISSING_SECRET", PREFIX + "SecretUri=" + vaultUrl + "/secrets/no-such-secret/)");
        settings.put("OTHER_VAULT", PREFIX + "VaultName=some-other-vault;SecretName=openai-api-key)");
        settings.put("BROKEN", PREFIX + "SecretUri=" + vaultUrl + "/secrets/openai-api-key/");
        return settings;
    }

    /** The app's clients by vault name: the one vault of {@code client}, named by its host's first label. */
    public static Map<String, SecretClient> vaultsOf(SecretClient client) {
        return Map.of(URI.create(client.getVaultUrl()).getHost().split("\\.")[0], client);
    }

    /** The settings page of an app that has just started with {@link #sampleSettings}: one refresh. */
    public static List<SettingRow> settingsPage(SecretClient client) {
        return new AppSettings(sampleSettings(client), vaultsOf(client)).refresh();
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            SecretClient client = Lab.client();
            List<SettingRow> page = settingsPage(client);
            System.out.println("App settings resolved as App Service would, against " + client.getVaultUrl());
            Table.of(SettingRow.class, page).print();
            long resolved = page.stream().filter(r -> r.status() == ResolveStatus.Resolved).count();
            long references = page.stream().filter(r -> r.status() != null).count();
            System.out.println(resolved + " of " + references + " Key Vault references resolved");
        });
    }
}
