// expect: fail reads each secret exactly once
// message: never
// BEGIN RETRIEVE_SECRETS
        List<SecretReport> reports = new ArrayList<>();
        for (String name : SECRET_NAMES) {
            try {
                KeyVaultSecret secret = client.getSecret(name);
                SecretProperties p = secret.getProperties();
                reports.add(new SecretReport(name, Mask.value(secret.getValue()), p.getVersion(), p.getContentType(),
                        p.getCreatedOn(), p.getTags(), "retrieved"));
            } catch (ResourceNotFoundException e) {
                reports.add(SecretReport.unavailable(name, "not found"));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
