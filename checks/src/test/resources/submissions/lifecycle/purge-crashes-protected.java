// expect: fail reports purge protection
// message: stopped with 403
// BEGIN PURGE_SECRET
        client.beginDeleteSecret(name).setPollInterval(pollInterval).waitForCompletion();
        client.purgeDeletedSecret(name);
        return new Purge(name, PURGED, null);
// END PURGE_SECRET
