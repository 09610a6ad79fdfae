// Notebook for exercise 1, Retrieve secrets (docs/retrieve.md).
// Open it with ./jbang notebook retrieve: JShell starts with `client` ready, your RetrieveSecrets class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the client
// Lab.client() builds a SecretClient for this environment: the embedded local vault when KEY_VAULT_URL is unset,
// your Azure vault with DefaultAzureCredential when it is set. The notebook already made one; this is the same call.
SecretClient client = Lab.client();
System.out.println("vault: " + client.getVaultUrl());

// %% Get one secret
// getSecret(name) returns the latest version: the value and its properties in one KeyVaultSecret.
// Never print getValue() itself: Mask.value keeps only the first characters.
KeyVaultSecret secret = client.getSecret("openai-api-key");
System.out.println(secret.getName() + " = " + Mask.value(secret.getValue()));

// %% Inspect its properties
// The properties carry the metadata: version id, content type, creation date, tags. show() prints them as a table.
show(secret);

// %% A name that does not exist
// A missing secret is a ResourceNotFoundException (HTTP 404, code SecretNotFound): your function reports it as
// status "not found" instead of failing.
try {
    client.getSecret("no-such-secret");
} catch (ResourceNotFoundException e) {
    System.out.println("not found: " + e.getResponse().getStatusCode());
}

// %% Call your function
// attempt(...) runs your retrieveSecrets; while region RETRIEVE_SECRETS is untouched it prints which region to fill.
var reports = attempt(() -> RetrieveSecrets.retrieveSecrets(client, List.of("openai-api-key", "cosmosdb-connection-string")));
show(reports);

// %% Check your work
// The same checks as ./jbang check retrieve, on your file as saved now.
check();
