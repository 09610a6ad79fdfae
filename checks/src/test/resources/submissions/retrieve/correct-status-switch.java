// expect: pass
// BEGIN RETRIEVE_SECRETS
        var reports = new java.util.LinkedList<SecretReport>();
        for (var name : names) {
            KeyVaultSecret secret = null;
            String status;
            try {
                secret = client.getSecret(name);
                status = "retrieved";
            } catch (HttpResponseException e) {
                status = e.getResponse() != null && e.getResponse().getStatusCode() == 404
                        ? "not found" : "error: " + ServiceError.of(e).code();
            }
            if (secret == null) {
                reports.add(SecretReport.unavailable(name, status));
                continue;
            }
            var props = secret.getProperties();
            var tags = new java.util.TreeMap<String, String>();
            if (props.getTags() != null) {
                tags.putAll(props.getTags());
            }
            reports.add(new SecretReport(name, Mask.value(secret.getValue()), props.getVersion(), props.getContentType(),
                    props.getCreatedOn(), tags, status));
        }
        return reports;
// END RETRIEVE_SECRETS
