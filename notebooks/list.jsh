// Notebook for exercise 2, List secret properties (docs/list.md).
// Open it with ./jbang notebook list: JShell starts with `client` ready, your ListSecretProperties class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the client
// The same client as in exercise 1: local vault unless KEY_VAULT_URL is set.
SecretClient client = Lab.client();
System.out.println("vault: " + client.getVaultUrl());

// %% List every secret's properties
// listPropertiesOfSecrets() pages through the vault's secrets and returns their properties only: no value is
// read, so an inventory needs no right to read secrets (least privilege).
var all = client.listPropertiesOfSecrets();
show(all);

// %% One secret's properties
// Each SecretProperties says whether the secret is enabled, its content type and when it was created and updated.
for (SecretProperties p : client.listPropertiesOfSecrets()) {
    System.out.println(p.getName() + ": enabled=" + p.isEnabled() + ", content type " + p.getContentType());
}

// %% Call your function
// attempt(...) runs your listSecretProperties; while region LIST_SECRETS is untouched it prints which region to fill.
var summaries = attempt(() -> ListSecretProperties.listSecretProperties(client));
show(summaries);

// %% Check your work
// The same checks as ./jbang check list, on your file as saved now.
check();
