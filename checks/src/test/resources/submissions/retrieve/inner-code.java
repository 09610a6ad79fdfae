// expect: fail reports a secret it may not read as "error: Forbidden"
// message: ForbiddenByRbac
// BEGIN RETRIEVE_SECRETS
        // the more specific inner code instead of Azure's error code
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                KeyVaultSecret secret = client.getSecret(name);
                SecretProperties p = secret.getProperties();
                reports.add(new SecretReport(name, Mask.value(secret.getValue()), p.getVersion(), p.getContentType(),
                        p.getCreatedOn(), Objects.requireNonNullElse(p.getTags(), Map.of()), "retrieved"));
            } catch (ResourceNotFoundException e) {
                reports.add(SecretReport.unavailable(name, "not found"));
            } catch (HttpResponseException e) {
                ServiceError error = ServiceError.of(e);
                reports.add(SecretReport.unavailable(name, "error: "
                        + (error.innerCode() != null ? error.innerCode() : error.code())));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
