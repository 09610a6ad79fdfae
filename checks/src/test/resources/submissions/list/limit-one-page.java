// expect: fail lists every page
// message: pages
// BEGIN LIST_SECRETS
        // a page is 25 items, so 25 is taken to be all
        return client.listPropertiesOfSecrets().stream().limit(25)
                .map(p -> new SecretSummary(p.getName(), p.isEnabled(), p.getContentType(), p.getCreatedOn(), p.getUpdatedOn()))
                .toList();
// END LIST_SECRETS
