// expect: fail lists every secret
// message: createdOn of
// BEGIN LIST_SECRETS
        // "valid from" taken for the creation date
        List<SecretSummary> summaries = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            OffsetDateTime from = p.getNotBefore() != null ? p.getNotBefore() : p.getCreatedOn();
            summaries.add(new SecretSummary(p.getName(), p.isEnabled(), p.getContentType(), from, p.getUpdatedOn()));
        }
        return summaries;
// END LIST_SECRETS
