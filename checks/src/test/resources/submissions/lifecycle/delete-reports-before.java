// expect: fail soft-deletes a secret and reports it
// message: deletedOn
// BEGIN DELETE_SECRET
        SecretProperties live = client.listPropertiesOfSecretVersions(name).iterator().next();
        client.beginDeleteSecret(name).setPollInterval(pollInterval).waitForCompletion();
        for (DeletedSecret deleted : client.listDeletedSecrets()) {
            if (deleted.getName().equals(name)) {
                return new Deleted(name, deleted.getRecoveryId(), live.getUpdatedOn(), deleted.getScheduledPurgeDate());
            }
        }
        return null;
// END DELETE_SECRET
