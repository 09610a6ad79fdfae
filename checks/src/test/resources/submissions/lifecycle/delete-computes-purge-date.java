// expect: fail soft-deletes a secret and reports it
// message: keeps deleted secrets
// BEGIN DELETE_SECRET
        SyncPoller<DeletedSecret, Void> deletion = client.beginDeleteSecret(name);
        deletion.setPollInterval(pollInterval);
        DeletedSecret deleted = deletion.waitForCompletion().getValue();
        // assumes the default retention of 90 days
        return new Deleted(name, deleted.getRecoveryId(), deleted.getDeletedOn(), deleted.getDeletedOn().plusDays(90));
// END DELETE_SECRET
