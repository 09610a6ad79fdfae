// Notebook for exercise 5, Versions: pinned versus latest (docs/versions.md).
// Open it with ./jbang notebook versions: JShell starts with `client` ready, your SecretVersions class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the client
SecretClient client = Lab.client();
System.out.println("vault: " + client.getVaultUrl());

// %% Three versions of one secret
// Every setSecret makes a new version. Here the newest is then disabled, as a broken rotation would leave it.
String name = "notebook-versions-" + Long.toHexString(System.nanoTime());
KeyVaultSecret first = client.setSecret(name, "first-value-" + UUID.randomUUID());
KeyVaultSecret second = client.setSecret(name, "second-value-" + UUID.randomUUID());
KeyVaultSecret broken = client.setSecret(name, "broken-value-" + UUID.randomUUID());
client.updateSecretProperties(broken.getProperties().setEnabled(false));
show(client.listPropertiesOfSecretVersions(name));

// %% Pinned versus latest
// getSecret(name, version) pins a version; getSecret(name) means the latest, which is disabled now: 403.
System.out.println("pinned to the first version: " + Mask.value(client.getSecret(name, first.getProperties().getVersion()).getValue()));
try {
    client.getSecret(name);
} catch (HttpResponseException e) {
    System.out.println("the latest: " + e.getResponse().getStatusCode() + " (it is disabled)");
}

// %% Call your functions
// attempt(...) runs each; while a region is untouched it prints which region to fill.
show(attempt(() -> SecretVersions.listVersions(client, name)));
show(attempt(() -> SecretVersions.readVersion(client, name, first.getProperties().getVersion())));
show(attempt(() -> SecretVersions.fallbackVersion(client, name, java.time.Clock.systemUTC())));

// %% Check your work
// The same checks as ./jbang check versions, on your file as saved now (they use a vault of their own).
check();
