// expect: fail lists every secret
// message: twice
// BEGIN LIST_SECRETS
        // one summary per version instead of one per secret
        List<SecretSummary> summaries = new ArrayList<>();
        for (SecretProperties secret : client.listPropertiesOfSecrets()) {
            for (SecretProperties v : client.listPropertiesOfSecretVersions(secret.getName())) {
                summaries.add(new SecretSummary(v.getName(), v.isEnabled(), v.getContentType(), v.getCreatedOn(), v.getUpdatedOn()));
            }
        }
        return summaries;
// END LIST_SECRETS
