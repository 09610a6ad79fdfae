// Notebook for exercise 3, Create a new secret version (docs/rotate.md).
// Open it with ./jbang notebook rotate: JShell starts with `client` ready, your RotateSecret class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the client
SecretClient client = Lab.client();
System.out.println("vault: " + client.getVaultUrl());

// %% The current version
// Before rotating, note the version id that getSecret returns now.
KeyVaultSecret before = client.getSecret("openai-api-key");
System.out.println("current version: " + before.getProperties().getVersion());

// %% Set a new value
// setSecret with an existing name creates a new version; the old one stays readable by its version id.
KeyVaultSecret written = client.setSecret(new KeyVaultSecret("openai-api-key", "sk-proj-notebook-" + UUID.randomUUID())
        .setProperties(new SecretProperties().setContentType("text/plain")
                .setTags(Map.of("environment", "development", "rotated", "true"))));
System.out.println("new version: " + written.getProperties().getVersion());

// %% Both versions are still there
// getSecret(name, version) reads a given version; listPropertiesOfSecretVersions lists them all.
System.out.println("old value: " + Mask.value(client.getSecret("openai-api-key", before.getProperties().getVersion()).getValue()));
show(client.listPropertiesOfSecretVersions("openai-api-key"));

// %% Call your function
// attempt(...) runs your rotateSecret; while region ROTATE_SECRET is untouched it prints which region to fill.
var rotation = attempt(() -> RotateSecret.rotateSecret(client, "openai-api-key", "sk-proj-rotated-" + UUID.randomUUID()));
show(rotation);

// %% Check your work
// The same checks as ./jbang check rotate, on your file as saved now (they use a vault of their own).
check();
