// Notebook for exercise 11, Audit: the unauthorized-access alert (docs/audit.md).
// Open it with ./jbang notebook audit: JShell starts with `client` ready, your AccessAlert class loaded,
// and the helpers show(x), check() and attempt(() -> ...). Run the cells in order; each starts with "// %%".

// %% Refused reads on the local vault
// Three principals try the lab's secrets: `reader` (Key Vault Reader: metadata only) and a stranger are refused (403),
// `app` (Key Vault Secrets User) succeeds, and its read of a missing name is a 404. The vault logs every request.
dev.kvlab.vault.LocalVault vault = Lab.localVault();
for (String principal : List.of("reader", "stranger-" + Long.toHexString(System.nanoTime()), "app")) {
    SecretClient as = Lab.client(vault, principal);
    for (String name : List.of("openai-api-key", "cosmosdb-connection-string", "no-such-secret")) {
        try {
            as.getSecret(name);
            System.out.println(principal + " read " + name);
        } catch (HttpResponseException e) {
            System.out.println(principal + " got " + e.getResponse().getStatusCode() + " for " + name);
        }
    }
}

// %% The export
// The audit log in the AzureDiagnostics shape, one JSON object per line: what ./jbang vault --audit-log writes.
List<String> lines = vault.auditLog().toAzureDiagnosticsJsonLines().lines().toList();
lines.stream().skip(Math.max(0, lines.size() - 3)).forEach(System.out::println);

// %% Read it (task 1)
// attempt(...) runs your READ_EXPORT; while the region is untouched it prints which region to fill.
List<AccessAlert.AzureDiagnostics> records = attempt(() -> AccessAlert.readExport(lines));
show(records);

// %% Evaluate the rule (tasks 2-4)
// As if the rule had been created at the first record's minute: windows of 5 minutes from there.
Instant start = vault.auditLog().events().get(0).time().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
show(attempt(() -> AccessAlert.evaluateRule(records == null ? List.of() : records, start)));

// %% A rule created later
// Start the rule at the fifth record's instant: what happened before it was never evaluated, so the counts shrink.
Instant later = records == null || records.size() < 5 ? start : records.get(4).TimeGenerated();
show(attempt(() -> AccessAlert.evaluateRule(records == null ? List.of() : records, later)));

// %% Check your work
// The same checks as ./jbang check audit, on your file as saved now (they use vaults of their own).
check();
