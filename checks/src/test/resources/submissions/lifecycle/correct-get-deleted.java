// expect: pass
// BEGIN DELETE_SECRET
        SyncPoller<DeletedSecret, Void> poller = client.beginDeleteSecret(name);
        poller.setPollInterval(pollInterval);
        poller.waitForCompletion();
        DeletedSecret deleted = client.getDeletedSecret(name);
        return new Deleted(name, deleted.getRecoveryId(), deleted.getDeletedOn(), deleted.getScheduledPurgeDate());
// END DELETE_SECRET
// BEGIN SET_ENABLED
        SecretProperties properties = client.listPropertiesOfSecretVersions(name).stream()
                .filter(p -> version.equals(p.getVersion()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no version " + version));
        properties.setEnabled(enabled);
        SecretProperties updated = client.updateSecretProperties(properties);
        return new VersionState(version, updated.isEnabled(), updated.getUpdatedOn());
// END SET_ENABLED
