// expect: pass
// BEGIN DELETE_SECRET
        // the poller's last response carries the deleted secret, as getDeletedSecret would
        DeletedSecret deleted = client.beginDeleteSecret(name).setPollInterval(pollInterval).waitForCompletion().getValue();
        return new Deleted(deleted.getName(), deleted.getRecoveryId(), deleted.getDeletedOn(), deleted.getScheduledPurgeDate());
// END DELETE_SECRET
// BEGIN PURGE_SECRET
        client.beginDeleteSecret(name).setPollInterval(pollInterval).waitForCompletion();
        try {
            client.purgeDeletedSecret(name);
        } catch (HttpResponseException e) {
            if (e.getResponse().getStatusCode() == 403) {
                return new Purge(name, PURGE_PROTECTED, client.getDeletedSecret(name).getScheduledPurgeDate());
            }
            throw e;
        }
        return new Purge(name, PURGED, null);
// END PURGE_SECRET
