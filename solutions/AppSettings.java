///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 12: load an app's settings from App Configuration and resolve its Key Vault references (instructions: docs/settings.md)

package dev.kvlab.solutions;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.SecretReferenceConfigurationSetting;
import com.azure.data.appconfiguration.models.SettingSelector;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Mask;
import dev.kvlab.runtime.ServiceError;
import dev.kvlab.runtime.Table;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Exercise 12: an app's settings from App Configuration, its secrets through Key Vault references. */
public class AppSettings {

    /** The course's sample app keeps its settings under this key prefix. */
    public static final String PREFIX = "OpenAI:";
    /** Where a loaded value came from: the store itself. */
    public static final String FROM_STORE = "app configuration";
    /** Where a loaded value came from: a Key Vault reference, resolved through the SecretClient. */
    public static final String FROM_KEY_VAULT = "key vault";

    /**
     * One setting as the app will use it.
     *
     * @param key           the whole key, e.g. {@code OpenAI:DeploymentName}
     * @param label         the label it was loaded from: the environment's, or null (no label)
     * @param value         the setting's value; for a Key Vault reference the secret's value masked with
     *                      {@link Mask#value}; null when {@code error} is set
     * @param source        {@link #FROM_STORE} or {@link #FROM_KEY_VAULT}
     * @param secretVersion for a Key Vault reference, the version of the secret that was read; else null
     * @param error         null, or one line saying why this setting could not be loaded (it names the key)
     */
    public record LoadedSetting(String key, String label, String value, String source, String secretVersion, String error) {
    }

    /**
     * Task 1, 2 and 4 (docs/settings.md): every setting whose key starts with {@code prefix}, one per key: the one
     * labelled {@code environment} when there is one, else the one with no label (settings of other labels are not
     * the app's); {@code environment} null or blank: no label only. Key Vault references are resolved with
     * {@link #resolveReference}. Sorted by key.
     */
    public static List<LoadedSetting> loadSettings(ConfigurationClient config, SecretClient secrets, String prefix,
            String environment) {
        // BEGIN LOAD_SETTINGS
        // one listing: the app's keys, with the environment's label or none ("\0" is "no label" in a filter)
        String labels = environment == null || environment.isBlank() ? "\0" : environment + ",\0";
        SettingSelector selector = new SettingSelector().setKeyFilter(prefix + "*").setLabelFilter(labels);
        Map<String, ConfigurationSetting> chosen = new TreeMap<>();
        for (ConfigurationSetting setting : config.listConfigurationSettings(selector)) {
            // the environment's label wins over no label, whichever the store lists first
            if (!chosen.containsKey(setting.getKey()) || setting.getLabel() != null) {
                chosen.put(setting.getKey(), setting);
            }
        }
        List<LoadedSetting> loaded = new ArrayList<>();
        for (ConfigurationSetting setting : chosen.values()) {
            if (setting instanceof SecretReferenceConfigurationSetting reference) {
                String secretId;
                try {
                    secretId = reference.getSecretId();
                } catch (IllegalArgumentException e) {
                    loaded.add(new LoadedSetting(setting.getKey(), setting.getLabel(), null, FROM_KEY_VAULT, null,
                            setting.getKey() + ": not a valid Key Vault reference (its value is not {\"uri\":\"...\"})"));
                    continue;
                }
                loaded.add(resolveReference(secrets, setting.getKey(), setting.getLabel(), secretId));
            } else {
                loaded.add(new LoadedSetting(setting.getKey(), setting.getLabel(), setting.getValue(), FROM_STORE, null, null));
            }
        }
        return loaded;
        // END LOAD_SETTINGS
    }

    /**
     * Task 3 and 4: the setting {@code key} (with {@code label}) is a Key Vault reference to {@code secretId}
     * ({@code https://<vault>/secrets/<name>[/<version>]}): read that secret through {@code secrets} and return it
     * masked, with the version read; a reference this app cannot resolve is a {@link LoadedSetting} whose
     * {@code error} says why, never an exception.
     */
    public static LoadedSetting resolveReference(SecretClient secrets, String key, String label, String secretId) {
        // BEGIN RESOLVE_REFERENCE
        URI id;
        try {
            id = new URI(secretId);
        } catch (URISyntaxException | NullPointerException e) {
            id = null;
        }
        String[] path = id == null || id.getPath() == null ? new String[0] : id.getPath().split("/");
        // "", "secrets", name[, version]
        if (id == null || !"https".equalsIgnoreCase(id.getScheme()) || id.getHost() == null || path.length < 3
                || path.length > 4 || !path[1].equals("secrets") || path[2].isEmpty()) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": " + secretId
                    + " is not a Key Vault secret URI (https://<vault>/secrets/<name>[/<version>])");
        }
        URI vault = URI.create(secrets.getVaultUrl());
        if (!id.getHost().equalsIgnoreCase(vault.getHost()) || id.getPort() != vault.getPort()) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": refers to vault " + id.getAuthority()
                    + ", but this app reads secrets from " + vault.getAuthority());
        }
        String name = path[2];
        String version = path.length == 4 ? path[3] : null;
        try {
            // no version: the latest, so the app follows a rotation; a version: exactly that one
            KeyVaultSecret secret = version == null ? secrets.getSecret(name) : secrets.getSecret(name, version);
            return new LoadedSetting(key, label, Mask.value(secret.getValue()), FROM_KEY_VAULT,
                    secret.getProperties().getVersion(), null);
        } catch (ResourceNotFoundException e) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": secret " + name
                    + (version == null ? "" : " version " + version) + " not found in " + vault.getHost());
        } catch (HttpResponseException e) {
            return new LoadedSetting(key, label, null, FROM_KEY_VAULT, null, key + ": cannot read secret " + name
                    + " (" + ServiceError.of(e).code() + ")");
        }
        // END RESOLVE_REFERENCE
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            // the environment: the first argument, else APP_ENVIRONMENT, else production
            String environment = args.length > 0 && !args[0].startsWith("--") ? args[0]
                    : System.getenv().getOrDefault("APP_ENVIRONMENT", "production");
            ConfigurationClient config = Lab.configurationClient();
            SecretClient secrets = Lab.client();
            List<LoadedSetting> settings = loadSettings(config, secrets, PREFIX, environment);
            System.out.println("Settings " + PREFIX + "* for environment " + environment + " from "
                    + Lab.storeConnection().endpoint() + " (secrets from " + secrets.getVaultUrl() + ")");
            Table.of(LoadedSetting.class, settings).print();
            Map<String, Long> sources = new TreeMap<>();
            settings.forEach(s -> sources.merge(s.error() == null ? s.source() : "error", 1L, Long::sum));
            System.out.println(settings.size() + " setting(s): " + sources);
        });
    }
}
