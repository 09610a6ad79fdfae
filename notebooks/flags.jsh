// Notebook for exercise 13, Flags: feature flags from App Configuration, evaluated for a user (docs/flags.md).
// Open it with ./jbang notebook flags: JShell starts with `client` ready, your FeatureFlags class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the store's client
// `config` reads the App Configuration store that runs inside the local vault
// (or the store in APP_CONFIG_CONNECTION_STRING / APP_CONFIG_ENDPOINT when one is set).
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.models.FeatureFlagConfigurationSetting;
import com.azure.data.appconfiguration.models.FeatureFlagFilter;
ConfigurationClient config = Lab.configurationClient();
System.out.println("store: " + Lab.storeConnection().endpoint());

// %% A flag with a targeting filter
// Ada always, half of ring1, one user in ten otherwise, never the partners. (On a real store: az appconfig feature
// set, then az appconfig feature filter add.) Its id is new each run, so it never changes a flag you already have.
String beta = "NotebookBeta-" + Long.toHexString(System.nanoTime());
config.setConfigurationSetting(new FeatureFlagConfigurationSetting(beta, true)
        .addClientFilter(new FeatureFlagFilter(FeatureFlags.TARGETING).addParameter("Audience", Map.of(
                "Users", List.of("ada@contoso.com"),
                "Groups", List.of(Map.of("Name", "ring1", "RolloutPercentage", 50)),
                "DefaultRolloutPercentage", 10,
                "Exclusion", Map.of("Groups", List.of("partners"))))));

// %% Read the flags
// attempt(...) runs your readFlags; while a region is untouched it prints which region to fill.
show(attempt(() -> FeatureFlags.readFlags(config, "")));

// %% Rollouts
// The same context id always lands on the same side; "\n" separates the user and the flag.
System.out.println(attempt(() -> FeatureFlags.inRollout("ada@contoso.com\n" + beta, 50)));

// %% Evaluate the flags for a few users
// The seeded EnableSemanticCache is disabled: off for everyone. The new flag: a reason, and the filter that passed.
show(attempt(() -> FeatureFlags.evaluate(config, FeatureFlags.SEMANTIC_CACHE, "alice", List.of())));
for (String user : List.of("ada@contoso.com", "bob@contoso.com", "eve@contoso.com"))
    show(attempt(() -> FeatureFlags.evaluate(config, beta, user, List.of("ring1"))));
show(attempt(() -> FeatureFlags.evaluate(config, beta, "ada@contoso.com", List.of("partners"))));
show(attempt(() -> FeatureFlags.evaluate(config, "NoSuchFlag", "ada@contoso.com", List.of())));

// %% The semantic-cache path
// Ada has the flag on: the cached answer. A partner has it off: the model, and the cache is not consulted.
show(attempt(() -> FeatureFlags.answer(config, beta, "ada@contoso.com", List.of(), "What is Key Vault?",
        Map.of("What is Key Vault?", "A cloud service for secrets, keys and certificates."))));
show(attempt(() -> FeatureFlags.answer(config, beta, "ada@contoso.com", List.of("partners"), "What is Key Vault?",
        Map.of("What is Key Vault?", "A cloud service for secrets, keys and certificates."))));

// %% Remove the notebook's flag
// A flag is a setting under the key prefix .appconfig.featureflag/ (az appconfig feature delete does the same).
config.deleteConfigurationSetting(FeatureFlags.KEY_PREFIX + beta, null);
System.out.println("deleted " + beta);

// %% Check your work
// The same checks as ./jbang check flags, on your file as saved now (they use a store of their own).
check();
