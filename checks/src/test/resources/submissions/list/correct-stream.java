// expect: pass
// BEGIN LIST_SECRETS
        return client.listPropertiesOfSecrets().stream()
                .map(p -> new SecretSummary(p.getName(), p.isEnabled(), p.getContentType(), p.getCreatedOn(), p.getUpdatedOn()))
                .collect(java.util.stream.Collectors.toList());
// END LIST_SECRETS
