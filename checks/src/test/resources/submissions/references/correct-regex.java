// expect: pass
// BEGIN PARSE_REFERENCE
        // one pattern per form; a version is optional in both, the SecretUri's trailing slash too
        Matcher byUri = Pattern.compile("@Microsoft\\.KeyVault\\(SecretUri=https://([^/\\s;()]+)/secrets/([^/\\s;()]+)(?:/([^/\\s;()]*))?/?\\)")
                .matcher(setting == null ? "" : setting);
        if (byUri.matches()) {
            String version = byUri.group(3);
            return new Reference(null, byUri.group(1), byUri.group(2), version == null || version.isEmpty() ? null : version);
        }
        Matcher byName = Pattern.compile("@Microsoft\\.KeyVault\\(VaultName=([^;=\\s()]+);SecretName=([^;=\\s()]+)(?:;SecretVersion=([^;=\\s()]+))?\\)")
                .matcher(setting == null ? "" : setting);
        if (byName.matches()) {
            return new Reference(byName.group(1), null, byName.group(2), byName.group(3));
        }
        return null;
// END PARSE_REFERENCE
