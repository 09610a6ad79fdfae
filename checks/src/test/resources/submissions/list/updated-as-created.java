// expect: fail lists every secret
// message: createdOn of
// BEGIN LIST_SECRETS
        // the two dates swapped
        List<SecretSummary> summaries = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            summaries.add(new SecretSummary(p.getName(), p.isEnabled(), p.getContentType(), p.getUpdatedOn(), p.getCreatedOn()));
        }
        return summaries;
// END LIST_SECRETS
