// expect: fail recovers a deleted secret with every version
// message: recover
// BEGIN RECOVER_SECRET
        // looks among deleted secrets, but never asks the vault to recover
        try {
            client.getDeletedSecret(name);
            return new Recovery(name, RECOVERED);
        } catch (ResourceNotFoundException e) {
            return new Recovery(name, NOTHING_TO_RECOVER);
        }
// END RECOVER_SECRET
