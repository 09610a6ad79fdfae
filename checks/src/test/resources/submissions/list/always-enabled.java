// expect: fail lists every secret
// message: enabled of
// BEGIN LIST_SECRETS
        List<SecretSummary> summaries = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            summaries.add(new SecretSummary(p.getName(), true, p.getContentType(), p.getCreatedOn(), p.getUpdatedOn()));
        }
        return summaries;
// END LIST_SECRETS
