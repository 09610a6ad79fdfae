// expect: fail reads each secret exactly once
// message: expected "retrieved"
// BEGIN RETRIEVE_SECRETS
        // a catch-all that also swallows its own bug: copying null tags throws, and the secret is reported as failed
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                KeyVaultSecret secret = client.getSecret(name);
                SecretProperties p = secret.getProperties();
                reports.add(new SecretReport(name, Mask.value(secret.getValue()), p.getVersion(), p.getContentType(),
                        p.getCreatedOn(), new java.util.HashMap<>(p.getTags()), "retrieved"));
            } catch (ResourceNotFoundException e) {
                reports.add(SecretReport.unavailable(name, "not found"));
            } catch (RuntimeException e) {
                String code = e instanceof HttpResponseException h ? ServiceError.of(h).code() : "unknown";
                reports.add(SecretReport.unavailable(name, "error: " + code));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
