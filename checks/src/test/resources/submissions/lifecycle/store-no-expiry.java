// expect: fail stores a version that expires 180 days after the clock's instant
// message: expires on null
// BEGIN STORE_SECRET
        try {
            SecretProperties saved = client.setSecret(name, value).getProperties();
            return new Stored(name, STORED, saved.getVersion(), saved.getNotBefore(), saved.getExpiresOn());
        } catch (ResourceModifiedException e) {
            return new Stored(name, NAME_DELETED, null, null, null);
        }
// END STORE_SECRET
