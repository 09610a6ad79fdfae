// expect: fail reports a secret it may not read as "error: Forbidden"
// message: expected "error: Forbidden"
// BEGIN RETRIEVE_SECRETS
        // every failure taken for a missing secret
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                KeyVaultSecret secret = client.getSecret(name);
                SecretProperties p = secret.getProperties();
                reports.add(new SecretReport(name, Mask.value(secret.getValue()), p.getVersion(), p.getContentType(),
                        p.getCreatedOn(), Objects.requireNonNullElse(p.getTags(), Map.of()), "retrieved"));
            } catch (Exception e) {
                reports.add(SecretReport.unavailable(name, "not found"));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
