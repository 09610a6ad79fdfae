// expect: fail reports a missing secret as "not found"
// message: SecretReport.unavailable(name, "not found")
// BEGIN RETRIEVE_SECRETS
        // the failed report built by hand, with null tags
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                KeyVaultSecret secret = client.getSecret(name);
                SecretProperties p = secret.getProperties();
                reports.add(new SecretReport(name, Mask.value(secret.getValue()), p.getVersion(), p.getContentType(),
                        p.getCreatedOn(), Objects.requireNonNullElse(p.getTags(), Map.of()), "retrieved"));
            } catch (ResourceNotFoundException e) {
                reports.add(new SecretReport(name, null, null, null, null, null, "not found"));
            } catch (HttpResponseException e) {
                reports.add(new SecretReport(name, null, null, null, null, null, "error: " + ServiceError.of(e).code()));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
