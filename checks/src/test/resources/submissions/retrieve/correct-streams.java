// expect: pass
// BEGIN RETRIEVE_SECRETS
        return names.stream().map(name -> {
            try {
                KeyVaultSecret s = client.getSecret(name);
                return new SecretReport(s.getName(), Mask.value(s.getValue()), s.getProperties().getVersion(),
                        s.getProperties().getContentType(), s.getProperties().getCreatedOn(),
                        s.getProperties().getTags() == null ? Map.<String, String>of() : Map.copyOf(s.getProperties().getTags()),
                        "retrieved");
            } catch (ResourceNotFoundException e) {
                return SecretReport.unavailable(name, "not found");
            } catch (HttpResponseException e) {
                return SecretReport.unavailable(name, "error: " + ServiceError.of(e).code());
            }
        }).toList();
// END RETRIEVE_SECRETS
