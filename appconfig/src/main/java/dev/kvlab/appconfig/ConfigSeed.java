package dev.kvlab.appconfig;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a store holds at start and after a reset. {@link #LAB} is the course's sample app: its OpenAI settings (a
 * deployment per environment label, falling back to no label), a Key Vault reference to the vault's
 * {@code openai-api-key}, the semantic-cache feature flag, and the sentinel key that triggers a refresh.
 */
public enum ConfigSeed {
    LAB, NONE;

    /** Content type of a Key Vault reference, as the portal and the SDK write it. */
    public static final String KEY_VAULT_REFERENCE =
            "application/vnd.microsoft.appconfig.keyvaultref+json;charset=utf-8";
    /** Content type of a feature flag. */
    public static final String FEATURE_FLAG = "application/vnd.microsoft.appconfig.ff+json;charset=utf-8";
    /** Feature flags live under this key prefix. */
    public static final String FEATURE_FLAG_PREFIX = ".appconfig.featureflag/";
    public static final String SENTINEL = "sentinel";

    /** The settings, with Key Vault references pointing into {@code vaultUrl} (e.g. https://kvlab.localhost:8443). */
    List<Setting> settings(URI vaultUrl) {
        if (this == NONE) {
            return List.of();
        }
        Function<String[], Setting> plain = kv -> new Setting(kv[0], kv[1], kv[2], null,
                Map.of("app", "kvlab"), "", Instant.EPOCH, false);
        return List.of(
                plain.apply(new String[] {"OpenAI:Endpoint", null, "https://kvlab-openai.openai.azure.com/"}),
                plain.apply(new String[] {"OpenAI:DeploymentName", null, "gpt-4o-mini"}),
                plain.apply(new String[] {"OpenAI:DeploymentName", "production", "gpt-4o"}),
                new Setting("OpenAI:ApiKey", null, "{\"uri\":\"" + vaultUrl + "/secrets/openai-api-key\"}",
                        KEY_VAULT_REFERENCE, Map.of("app", "kvlab"), "", Instant.EPOCH, false),
                new Setting(FEATURE_FLAG_PREFIX + "EnableSemanticCache", null,
                        "{\"id\":\"EnableSemanticCache\",\"description\":\"Answer repeated prompts from the semantic"
                                + " cache\",\"enabled\":false,\"conditions\":{\"client_filters\":[]}}",
                        FEATURE_FLAG, Map.of(), "", Instant.EPOCH, false),
                plain.apply(new String[] {SENTINEL, null, "1"}));
    }
}
