// expect: fail reports a missing secret as "not found"
// message: stopped at the missing secret
// BEGIN RETRIEVE_SECRETS
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            KeyVaultSecret secret = client.getSecret(name);
            SecretProperties p = secret.getProperties();
            reports.add(new SecretReport(name, Mask.value(secret.getValue()), p.getVersion(), p.getContentType(),
                    p.getCreatedOn(), p.getTags(), "retrieved"));
        }
        return reports;
// END RETRIEVE_SECRETS
