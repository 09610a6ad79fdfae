// Notebook for exercise 6, The secret lifecycle (docs/lifecycle.md).
// Open it with ./jbang notebook lifecycle: JShell starts with `client` ready, your SecretLifecycle class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the client
SecretClient client = Lab.client();
System.out.println("vault: " + client.getVaultUrl());

// %% A secret that expires
// Expiry and not-before are properties of the version you set; the vault keeps whole seconds.
String name = "notebook-lifecycle-" + Long.toHexString(System.nanoTime());
KeyVaultSecret stored = client.setSecret(new KeyVaultSecret(name, "notebook-value-" + UUID.randomUUID())
        .setProperties(new SecretProperties().setExpiresOn(OffsetDateTime.now().plusDays(180))));
System.out.println("expires on " + stored.getProperties().getExpiresOn());

// %% Soft delete, and what a store says then
// Deleting is a long-running operation: a poller; the SDK polls once a second unless told otherwise.
client.beginDeleteSecret(name).setPollInterval(Duration.ofMillis(50)).waitForCompletion();
try {
    client.setSecret(name, "another-value");
} catch (HttpResponseException e) {
    System.out.println("set on a deleted name: " + e.getResponse().getStatusCode() + " (" + e.getClass().getSimpleName() + ")");
}
System.out.println("recoverable until " + client.getDeletedSecret(name).getScheduledPurgeDate());

// %% Call your functions
// attempt(...) runs each; while a region is untouched it prints which region to fill.
show(attempt(() -> SecretLifecycle.recoverSecret(client, name, Duration.ofMillis(50))));
show(attempt(() -> SecretLifecycle.storeSecret(client, name, "stored-by-you-" + UUID.randomUUID(), java.time.Clock.systemUTC(), Duration.ofHours(1))));
show(attempt(() -> SecretLifecycle.purgeSecret(client, name, Duration.ofMillis(50))));

// %% Check your work
// The same checks as ./jbang check lifecycle, on your file as saved now (they use vaults of their own).
check();
