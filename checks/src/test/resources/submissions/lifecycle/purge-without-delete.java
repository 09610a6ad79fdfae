// expect: fail purges a secret for good
// BEGIN PURGE_SECRET
        try {
            client.purgeDeletedSecret(name);
            return new Purge(name, PURGED, null);
        } catch (HttpResponseException e) {
            if (e.getResponse().getStatusCode() == 403) {
                return new Purge(name, PURGE_PROTECTED, null);
            }
            throw e;
        }
// END PURGE_SECRET
