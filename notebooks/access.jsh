// Notebook for exercise 8, Access: least privilege, a role plan and the refusals it prevents (docs/access.md).
// Open it with ./jbang notebook access: JShell starts with `client` ready, your LeastPrivilege class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the client
SecretClient client = Lab.client();
System.out.println("vault: " + client.getVaultUrl());

// %% The team
// Who needs what: the app reads two secrets, the pipeline manages secrets, the auditor lists, the developer is Contributor.
show(LeastPrivilege.TEAM.members());

// %% Your role plan
// attempt(...) runs it; while region PLAN_ROLES is untouched it prints which region to fill.
show(attempt(() -> LeastPrivilege.planRoles(LeastPrivilege.TEAM)));

// %% A read that works
// You are lab-user, Key Vault Secrets Officer on the local vault.
show(attempt(() -> LeastPrivilege.explainRefusal(client, "openai-api-key")));

// %% A Contributor reads a secret
// The local vault's built-in `contributor` principal holds Contributor only: management plane, no data-plane role.
SecretClient contributor = Lab.client(Lab.localVault(), "contributor");
show(attempt(() -> LeastPrivilege.explainRefusal(contributor, "openai-api-key")));

// %% A disabled secret, and the firewall
// Disable a fresh secret's only version, then have the vault firewall refuse the next read.
String retired = "retired-" + Long.toHexString(System.nanoTime());
client.updateSecretProperties(client.setSecret(retired, "demo-retired-" + UUID.randomUUID()).getProperties().setEnabled(false));
show(attempt(() -> LeastPrivilege.explainRefusal(client, retired)));
Lab.localVault().faults().failNext(1, dev.kvlab.vault.Faults.FIREWALL, "SecretGet");
show(attempt(() -> LeastPrivilege.explainRefusal(client, "openai-api-key")));
Lab.localVault().faults().clear(); // an unfilled region never reads: leave no refusal waiting for a later read

// %% Check your work
// The same checks as ./jbang check access, on your file as saved now (they use a vault of their own).
check();
