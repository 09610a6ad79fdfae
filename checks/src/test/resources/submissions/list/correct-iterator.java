// expect: pass
// BEGIN LIST_SECRETS
        // an explicit iterator, and a null enabled flag would stay null
        List<SecretSummary> summaries = new java.util.LinkedList<>();
        java.util.Iterator<SecretProperties> it = client.listPropertiesOfSecrets().iterator();
        while (it.hasNext()) {
            SecretProperties p = it.next();
            Boolean enabled = p.isEnabled();
            summaries.add(new SecretSummary(p.getName(), enabled, p.getContentType(), p.getCreatedOn(), p.getUpdatedOn()));
        }
        return summaries;
// END LIST_SECRETS
