// expect: pass
// BEGIN RETRIEVE_SECRETS
        // one lambda per name, mapped over the names; the status chosen from the exception's type
        java.util.function.Function<String, SecretReport> report = name -> {
            try {
                KeyVaultSecret s = client.getSecret(name);
                Map<String, String> tags = s.getProperties().getTags() == null
                        ? new java.util.HashMap<>() : new java.util.HashMap<>(s.getProperties().getTags());
                return new SecretReport(name, Mask.value(s.getValue()), s.getProperties().getVersion(),
                        s.getProperties().getContentType(), s.getProperties().getCreatedOn(), tags, "retrieved");
            } catch (HttpResponseException e) {
                String status = e instanceof ResourceNotFoundException ? "not found"
                        : "error: " + ServiceError.of(e).code();
                return SecretReport.unavailable(name, status);
            }
        };
        return names.stream().map(report).collect(java.util.stream.Collectors.toList());
// END RETRIEVE_SECRETS
