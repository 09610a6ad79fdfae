// expect: fail lists every page
// message: pages
// BEGIN LIST_SECRETS
        List<SecretSummary> summaries = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecrets().iterableByPage().iterator().next().getElements()) {
            summaries.add(new SecretSummary(p.getName(), p.isEnabled(), p.getContentType(), p.getCreatedOn(), p.getUpdatedOn()));
        }
        return summaries;
// END LIST_SECRETS
