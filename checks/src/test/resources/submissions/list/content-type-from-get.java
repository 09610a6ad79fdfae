// expect: fail never calls getSecret
// message: getSecret
// BEGIN LIST_SECRETS
        List<SecretSummary> summaries = new ArrayList<>();
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            String contentType = p.getContentType();
            if (contentType == null && Boolean.TRUE.equals(p.isEnabled())) {
                contentType = client.getSecret(p.getName()).getProperties().getContentType();
            }
            summaries.add(new SecretSummary(p.getName(), p.isEnabled(), contentType, p.getCreatedOn(), p.getUpdatedOn()));
        }
        return summaries;
// END LIST_SECRETS
