// expect: fail refuses malformed references (returns null) without throwing
// message: not https
// BEGIN PARSE_REFERENCE
        if (setting == null || !setting.startsWith(PREFIX) || !setting.endsWith(")")) {
            return null;
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : setting.substring(PREFIX.length(), setting.length() - 1).split(";", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0 || part.substring(eq + 1).isBlank()
                    || parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim()) != null) {
                return null; // not key=value, an empty value, or a key given twice
            }
        }
        if (parts.keySet().equals(Set.of("SecretUri"))) {
            URI uri;
            try {
                uri = new URI(parts.get("SecretUri"));
            } catch (URISyntaxException e) {
                return null;
            }
            if (!uri.getScheme().startsWith("http") || uri.getHost() == null || uri.getRawPath() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            // /secrets/<name>/ or /secrets/<name> (latest), /secrets/<name>/<version>[/] (pinned)
            Matcher path = Pattern.compile("/secrets/([^/]+)(?:/([^/]*))?/?").matcher(uri.getRawPath());
            if (!path.matches()) {
                return null;
            }
            String version = path.group(2) == null || path.group(2).isEmpty() ? null : path.group(2);
            return new Reference(null, uri.getAuthority(), path.group(1), version);
        }
        if (!Set.of("VaultName", "SecretName", "SecretVersion").containsAll(parts.keySet())
                || !parts.containsKey("VaultName") || !parts.containsKey("SecretName")) {
            return null;
        }
        return new Reference(parts.get("VaultName"), null, parts.get("SecretName"), parts.get("SecretVersion"));
// END PARSE_REFERENCE
