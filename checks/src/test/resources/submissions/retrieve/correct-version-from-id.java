// expect: pass
// BEGIN RETRIEVE_SECRETS
        // the version taken from the secret's id (https://<vault>/secrets/<name>/<version>), tags through Optional
        List<SecretReport> reports = new ArrayList<>(names.size());
        for (String name : names) {
            KeyVaultSecret secret;
            try {
                secret = client.getSecret(name);
            } catch (ResourceNotFoundException missing) {
                reports.add(SecretReport.unavailable(name, "not found"));
                continue;
            } catch (HttpResponseException refused) {
                reports.add(SecretReport.unavailable(name, "error: " + ServiceError.of(refused).code()));
                continue;
            }
            String id = secret.getId();
            String version = id.substring(id.lastIndexOf('/') + 1);
            SecretProperties p = secret.getProperties();
            Map<String, String> tags = java.util.Optional.ofNullable(p.getTags()).orElseGet(Map::of);
            reports.add(new SecretReport(secret.getName(), Mask.value(secret.getValue()), version, p.getContentType(),
                    p.getCreatedOn(), tags, "retrieved"));
        }
        return reports;
// END RETRIEVE_SECRETS
