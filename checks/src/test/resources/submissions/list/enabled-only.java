// expect: fail lists every secret
// message: did not list
// BEGIN LIST_SECRETS
        List<SecretSummary> summaries = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            if (Boolean.TRUE.equals(p.isEnabled())) {
                summaries.add(new SecretSummary(p.getName(), p.isEnabled(), p.getContentType(), p.getCreatedOn(), p.getUpdatedOn()));
            }
        }
        return summaries;
// END LIST_SECRETS
