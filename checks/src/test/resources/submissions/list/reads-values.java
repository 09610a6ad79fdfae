// expect: fail reads no secret value while listing
// message: GET
// BEGIN LIST_SECRETS
        List<SecretSummary> summaries = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            // reads the whole secret to get its properties: a value read per secret
            SecretProperties full = client.getSecret(p.getName()).getProperties();
            summaries.add(new SecretSummary(full.getName(), full.isEnabled(), full.getContentType(),
                    full.getCreatedOn(), full.getUpdatedOn()));
        }
        return summaries;
// END LIST_SECRETS
