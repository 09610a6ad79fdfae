// expect: fail reports each refusal
// message: stopped with HttpResponseException (HTTP 429)
// BEGIN RETRIEVE_SECRETS
        // catches the two refusals the learner has seen, 404 and 403 (a ResourceModifiedException on get)
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                KeyVaultSecret secret = client.getSecret(name);
                SecretProperties p = secret.getProperties();
                reports.add(new SecretReport(name, Mask.value(secret.getValue()), p.getVersion(), p.getContentType(),
                        p.getCreatedOn(), Objects.requireNonNullElse(p.getTags(), Map.of()), "retrieved"));
            } catch (ResourceNotFoundException e) {
                reports.add(SecretReport.unavailable(name, "not found"));
            } catch (com.azure.core.exception.ResourceModifiedException e) {
                reports.add(SecretReport.unavailable(name, "error: Forbidden"));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
