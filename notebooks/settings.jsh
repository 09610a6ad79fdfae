// Notebook for exercise 12, Settings: an app's settings from App Configuration, its secrets from Key Vault (docs/settings.md).
// Open it with ./jbang notebook settings: JShell starts with `client` ready, your AppSettings class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the clients
// `client` reads secrets; `config` reads the App Configuration store that runs inside the same local vault
// (or the store in APP_CONFIG_CONNECTION_STRING / APP_CONFIG_ENDPOINT when one is set).
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.SettingSelector;
ConfigurationClient config = Lab.configurationClient();
System.out.println("store: " + Lab.storeConnection().endpoint() + ", vault: " + client.getVaultUrl());

// %% What the store holds for the app
// The key filter "OpenAI:*" and every label: the default (no label) and the production values side by side.
for (ConfigurationSetting s : config.listConfigurationSettings(new SettingSelector().setKeyFilter("OpenAI:*")))
    System.out.println(s.getKey() + " [" + s.getLabel() + "] " + s.getContentType() + " " + s.getValue());

// %% Load for production
// attempt(...) runs your loadSettings; while a region is untouched it prints which region to fill.
show(attempt(() -> AppSettings.loadSettings(config, client, AppSettings.PREFIX, "production")));

// %% Load for an environment without labels
// No "staging" label anywhere: every key falls back to its value with no label.
show(attempt(() -> AppSettings.loadSettings(config, client, AppSettings.PREFIX, "staging")));

// %% Rotate the secret behind OpenAI:ApiKey
// The reference has no version, so the next load reads the new one: the store is not touched.
client.setSecret("openai-api-key", "sk-notebook-rotated-" + UUID.randomUUID());
show(attempt(() -> AppSettings.loadSettings(config, client, AppSettings.PREFIX, "production")));

// %% A reference nobody can resolve
// An error on that setting, never an exception that loses the others.
show(attempt(() -> AppSettings.resolveReference(client, "OpenAI:Broken", null, client.getVaultUrl() + "/secrets/no-such-secret")));

// %% Check your work
// The same checks as ./jbang check settings, on your file as saved now (they use a vault and store of their own).
check();
