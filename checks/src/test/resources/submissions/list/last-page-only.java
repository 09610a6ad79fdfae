// expect: fail lists every page
// message: pages
// BEGIN LIST_SECRETS
        // the list is started afresh on every page: only the last page survives
        List<SecretSummary> summaries = new ArrayList<>();
        for (var page : client.listPropertiesOfSecrets().iterableByPage()) {
            summaries = new ArrayList<>();
            for (SecretProperties p : page.getElements()) {
                summaries.add(new SecretSummary(p.getName(), p.isEnabled(), p.getContentType(), p.getCreatedOn(), p.getUpdatedOn()));
            }
        }
        return summaries;
// END LIST_SECRETS
