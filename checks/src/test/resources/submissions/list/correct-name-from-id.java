// expect: pass
// BEGIN LIST_SECRETS
        // the name read from the item's id (https://<vault>/secrets/<name>), sorted by name
        var byName = new java.util.TreeMap<String, SecretSummary>();
        client.listPropertiesOfSecrets().forEach(p -> {
            String name = p.getId().substring(p.getId().lastIndexOf("/") + 1);
            byName.put(name, new SecretSummary(name, p.isEnabled(), p.getContentType(), p.getCreatedOn(), p.getUpdatedOn()));
        });
        return new ArrayList<>(byName.values());
// END LIST_SECRETS
