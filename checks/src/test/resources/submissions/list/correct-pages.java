// expect: pass
// BEGIN LIST_SECRETS
        var summaries = new java.util.LinkedList<SecretSummary>();
        client.listPropertiesOfSecrets().iterableByPage().forEach(page -> {
            for (SecretProperties p : page.getElements()) {
                summaries.add(new SecretSummary(p.getName(), p.isEnabled(), p.getContentType(), p.getCreatedOn(),
                        p.getUpdatedOn()));
            }
        });
        return summaries;
// END LIST_SECRETS
