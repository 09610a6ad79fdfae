///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 12: load an app's settings from App Configuration and resolve its Key Vault references (instructions: docs/settings.md)

package dev.kvlab.exercises;

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
        throw new UnsupportedOperationException("AppSettings: fill in region LOAD_SETTINGS in exercises/AppSettings.java (see docs/settings.md), then run ./jbang check settings");
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
        throw new UnsupportedOperationException("AppSettings: fill in region RESOLVE_REFERENCE in exercises/AppSettings.java (see docs/settings.md), then run ./jbang check settings");
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
