// expect: fail reports values masked
// message: expected
// BEGIN RETRIEVE_SECRETS
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                KeyVaultSecret secret = client.getSecret(name);
                String v = secret.getValue();
                String masked = v.length() > 20 ? v.substring(0, 20) + "..." : v;
                SecretProperties p = secret.getProperties();
                reports.add(new SecretReport(name, masked, p.getVersion(), p.getContentType(),
                        p.getCreatedOn(), p.getTags(), "retrieved"));
            } catch (ResourceNotFoundException e) {
                reports.add(SecretReport.unavailable(name, "not found"));
            } catch (HttpResponseException e) {
                reports.add(SecretReport.unavailable(name, "error: " + ServiceError.of(e).code()));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
