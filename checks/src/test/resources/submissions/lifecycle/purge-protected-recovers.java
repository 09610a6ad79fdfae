// expect: fail reports purge protection
// message: no longer among the deleted secrets
// BEGIN PURGE_SECRET
        DeletedSecret deleted = client.beginDeleteSecret(name).setPollInterval(pollInterval).waitForCompletion().getValue();
        try {
            client.purgeDeletedSecret(name);
            return new Purge(name, PURGED, null);
        } catch (HttpResponseException e) {
            // cannot purge: puts it back instead of leaving it deleted
            client.beginRecoverDeletedSecret(name).setPollInterval(pollInterval).waitForCompletion();
            return new Purge(name, PURGE_PROTECTED, deleted.getScheduledPurgeDate());
        }
// END PURGE_SECRET
