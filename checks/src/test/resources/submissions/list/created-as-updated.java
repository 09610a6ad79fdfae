// expect: fail lists every secret
// message: updatedOn of
// BEGIN LIST_SECRETS
        // the creation date in both columns
        List<SecretSummary> summaries = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            summaries.add(new SecretSummary(p.getName(), p.isEnabled(), p.getContentType(), p.getCreatedOn(), p.getCreatedOn()));
        }
        return summaries;
// END LIST_SECRETS
