// expect: fail reads each secret exactly once
// message: report an empty map
// BEGIN RETRIEVE_SECRETS
        // getTags() passed on as it is: null for a secret without tags
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                KeyVaultSecret secret = client.getSecret(name);
                SecretProperties p = secret.getProperties();
                reports.add(new SecretReport(name, Mask.value(secret.getValue()), p.getVersion(), p.getContentType(),
                        p.getCreatedOn(), p.getTags(), "retrieved"));
            } catch (ResourceNotFoundException e) {
                reports.add(SecretReport.unavailable(name, "not found"));
            } catch (HttpResponseException e) {
                reports.add(SecretReport.unavailable(name, "error: " + ServiceError.of(e).code()));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
