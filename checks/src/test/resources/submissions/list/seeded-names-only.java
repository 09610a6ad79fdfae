// expect: fail lists every secret
// message: did not list
// BEGIN LIST_SECRETS
        List<SecretSummary> summaries = new ArrayList<>();
        List<String> known = List.of("openai-api-key", "cosmosdb-connection-string");
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            if (known.contains(p.getName())) {
                summaries.add(new SecretSummary(p.getName(), p.isEnabled(), p.getContentType(), p.getCreatedOn(), p.getUpdatedOn()));
            }
        }
        return summaries;
// END LIST_SECRETS
