// expect: fail reads each secret exactly once
// message: but the latest version in the vault is
// BEGIN RETRIEVE_SECRETS
        // the first version ever written, found through the version list
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                SecretProperties first = null;
                for (SecretProperties v : client.listPropertiesOfSecretVersions(name)) {
                    if (first == null || v.getCreatedOn().isBefore(first.getCreatedOn())) {
                        first = v;
                    }
                }
                KeyVaultSecret secret = client.getSecret(name, first.getVersion());
                SecretProperties p = secret.getProperties();
                reports.add(new SecretReport(name, Mask.value(secret.getValue()), p.getVersion(), p.getContentType(),
                        p.getCreatedOn(), Objects.requireNonNullElse(p.getTags(), Map.of()), "retrieved"));
            } catch (ResourceNotFoundException e) {
                reports.add(SecretReport.unavailable(name, "not found"));
            } catch (HttpResponseException e) {
                reports.add(SecretReport.unavailable(name, "error: " + ServiceError.of(e).code()));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
