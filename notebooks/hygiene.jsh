// Notebook for exercise 7, Hygiene: a best-practice audit of a vault (docs/hygiene.md).
// Open it with ./jbang notebook hygiene: JShell starts with `client` ready, your SecretHygiene class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Create the client
SecretClient client = Lab.client();
System.out.println("vault: " + client.getVaultUrl());

// %% Secrets with known flaws
// One expired yesterday and is still enabled; one has no content type; one expires in a week.
String tag = Long.toHexString(System.nanoTime());
client.setSecret(new KeyVaultSecret("expired-" + tag, "v-" + UUID.randomUUID())
        .setProperties(new SecretProperties().setContentType("text/plain").setExpiresOn(OffsetDateTime.now().minusDays(1))));
client.setSecret(new KeyVaultSecret("untyped-" + tag, "v-" + UUID.randomUUID())
        .setProperties(new SecretProperties().setExpiresOn(OffsetDateTime.now().plusDays(90))));
client.setSecret(new KeyVaultSecret("soon-" + tag, "v-" + UUID.randomUUID())
        .setProperties(new SecretProperties().setContentType("text/plain").setExpiresOn(OffsetDateTime.now().plusDays(7))));

// %% What an audit sees
// Properties only: expiry, enabled, created on, content type. No value is read.
show(client.listPropertiesOfSecrets());

// %% Call your audit
// attempt(...) runs it; while region AUDIT_VAULT is untouched it prints which region to fill.
show(attempt(() -> SecretHygiene.auditVault(client, java.time.Clock.systemUTC(), 30)));

// %% Two hundred days later
// The clock is yours to choose: the same vault judged 200 days from now.
show(attempt(() -> SecretHygiene.auditVault(client, java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofDays(200)), 30)));

// %% Check your work
// The same checks as ./jbang check hygiene, on your file as saved now (they use a vault of their own).
check();
