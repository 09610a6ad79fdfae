// expect: fail reads each secret exactly once
// message: printed a whole secret value
// BEGIN RETRIEVE_SECRETS
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                KeyVaultSecret secret = client.getSecret(name);
                System.out.println("got " + name + " = " + secret.getValue());
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
