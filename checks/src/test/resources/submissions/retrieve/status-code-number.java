// expect: fail reports a secret it may not read as "error: Forbidden"
// message: error: 403
// BEGIN RETRIEVE_SECRETS
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
                reports.add(SecretReport.unavailable(name, "error: " + e.getResponse().getStatusCode()));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
