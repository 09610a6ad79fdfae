// Notebook for exercise 10, References: App Service Key Vault references (docs/references.md).
// Open it with ./jbang notebook references: JShell starts with `client` ready, your KeyVaultReferences class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the client
// The app's clients by vault name: the vault's name is the first label of its host (kvlab.localhost -> kvlab).
SecretClient client = Lab.client();
String vaultUrl = client.getVaultUrl().replaceAll("/+$", "");
String vaultName = java.net.URI.create(vaultUrl).getHost().split("\\.")[0];
Map<String, SecretClient> vaults = Map.of(vaultName, client);
System.out.println("vault " + vaultName + ": " + vaultUrl);

// %% Parse the three forms
// attempt(...) runs your code; while region PARSE_REFERENCE is untouched it prints which region to fill.
String latest = KeyVaultReferences.PREFIX + "SecretUri=" + vaultUrl + "/secrets/openai-api-key/)";
String byName = KeyVaultReferences.PREFIX + "VaultName=" + vaultName + ";SecretName=cosmosdb-connection-string)";
String broken = KeyVaultReferences.PREFIX + "SecretUri=" + vaultUrl + "/secrets/openai-api-key/";
System.out.println(attempt(() -> KeyVaultReferences.parse(latest)));
System.out.println(attempt(() -> KeyVaultReferences.parse(byName)));
System.out.println(attempt(() -> KeyVaultReferences.parse(broken)));

// %% Resolve one setting
// The Setting holds the whole value (the app's environment): print it masked.
KeyVaultReferences.Setting s = attempt(() -> KeyVaultReferences.resolve("OPENAI_API_KEY", latest, vaults));
if (s != null) System.out.println(s.status() + " " + Mask.value(s.value()) + " version " + s.secretVersion());

// %% An app's settings page
// A pinned reference to today's version, a missing secret, a plain setting.
String version = client.getSecret("openai-api-key").getProperties().getVersion();
Map<String, String> settings = new LinkedHashMap<>();
settings.put("OPENAI_API_KEY", latest);
settings.put("OPENAI_API_KEY_PINNED", KeyVaultReferences.PREFIX + "SecretUri=" + vaultUrl + "/secrets/openai-api-key/" + version + ")");
settings.put("COSMOS_CONNECTION", byName);
settings.put("MISSING", KeyVaultReferences.PREFIX + "SecretUri=" + vaultUrl + "/secrets/no-such-secret/)");
settings.put("APP_NAME", "kvlab-demo");
KeyVaultReferences.AppSettings app = new KeyVaultReferences.AppSettings(settings, vaults);
show(attempt(() -> app.refresh()));

// %% Rotate, then refresh
// A new version of openai-api-key: the versionless row follows it after a refresh, the pinned row does not.
client.setSecret("openai-api-key", "sk-proj-rotated-" + UUID.randomUUID());
show(attempt(() -> app.refresh()));

// %% Check your work
// The same checks as ./jbang check references, on your file as saved now (they use a vault of their own).
check();
