// expect: fail reads each secret exactly once
// message: twice
// BEGIN RETRIEVE_SECRETS
        List<SecretReport> reports = new ArrayList<>();
        for (String name : names) {
            try {
                String value = client.getSecret(name).getValue();
                SecretProperties p = client.getSecret(name).getProperties();
                reports.add(new SecretReport(name, Mask.value(value), p.getVersion(), p.getContentType(),
                        p.getCreatedOn(), p.getTags(), "retrieved"));
            } catch (ResourceNotFoundException e) {
                reports.add(SecretReport.unavailable(name, "not found"));
            } catch (HttpResponseException e) {
                reports.add(SecretReport.unavailable(name, "error: " + ServiceError.of(e).code()));
            }
        }
        return reports;
// END RETRIEVE_SECRETS
