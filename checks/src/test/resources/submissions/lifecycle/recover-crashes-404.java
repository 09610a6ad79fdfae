// expect: fail answers nothing to recover for a purged name
// message: stopped with 404
// BEGIN RECOVER_SECRET
        client.beginRecoverDeletedSecret(name).setPollInterval(pollInterval).waitForCompletion();
        return new Recovery(name, RECOVERED);
// END RECOVER_SECRET
