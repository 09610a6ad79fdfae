// expect: fail reports a deleted, unpurged name
// message: stopped with
// BEGIN STORE_SECRET
        Instant now = clock.instant();
        SecretProperties properties = new SecretProperties().setExpiresOn(now.plus(EXPIRY).atOffset(ZoneOffset.UTC));
        if (activateIn != null) {
            properties.setNotBefore(now.plus(activateIn).atOffset(ZoneOffset.UTC));
        }
        SecretProperties saved = client.setSecret(new KeyVaultSecret(name, value).setProperties(properties)).getProperties();
        return new Stored(name, STORED, saved.getVersion(), saved.getNotBefore(), saved.getExpiresOn());
// END STORE_SECRET
