// expect: pass
// BEGIN PARSE_REFERENCE
        if (setting == null || !setting.startsWith(PREFIX) || !setting.endsWith(")")) {
            return null;
        }
        String body = setting.substring(PREFIX.length(), setting.length() - 1);
        if (body.startsWith("SecretUri=") && !body.contains(";")) {
            String uri = body.substring("SecretUri=".length());
            if (!uri.startsWith("https://") || uri.contains(" ") || uri.contains("?") || uri.contains("#")) {
                return null;
            }
            String rest = uri.substring("https://".length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                return null;
            }
            String host = rest.substring(0, slash);
            String[] path = rest.substring(slash + 1).split("/", -1);
            // secrets, name, and then: nothing, "" (trailing slash), version, or version and ""
            if (path.length < 2 || path.length > 4 || !path[0].equals("secrets") || path[1].isEmpty()
                    || path.length == 4 && (path[2].isEmpty() || !path[3].isEmpty())) {
                return null;
            }
            String version = path.length >= 3 && !path[2].isEmpty() ? path[2] : null;
            return new Reference(null, host, path[1], version);
        }
        String vault = null, secret = null, version = null;
        for (String part : body.split(";", -1)) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[1].isBlank()) {
                return null;
            }
            switch (kv[0]) {
                case "VaultName" -> vault = kv[1];
                case "SecretName" -> secret = kv[1];
                case "SecretVersion" -> version = kv[1];
                default -> { return null; }
            }
        }
        return vault == null || secret == null ? null : new Reference(vault, null, secret, version);
// END PARSE_REFERENCE
