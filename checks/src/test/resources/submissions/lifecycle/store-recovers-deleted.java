// expect: fail reports a deleted, unpurged name
// message: changed the deleted secret
// BEGIN STORE_SECRET
        Instant now = clock.instant();
        SecretProperties properties = new SecretProperties().setExpiresOn(now.plus(EXPIRY).atOffset(ZoneOffset.UTC));
        if (activateIn != null) {
            properties.setNotBefore(now.plus(activateIn).atOffset(ZoneOffset.UTC));
        }
        try {
            client.setSecret(new KeyVaultSecret(name, value).setProperties(properties));
        } catch (ResourceModifiedException e) {
            // brings the deleted secret back on its own initiative, then stores anyway
            client.beginRecoverDeletedSecret(name).setPollInterval(Duration.ofMillis(10)).waitForCompletion();
            return new Stored(name, NAME_DELETED, null, null, null);
        }
        SecretProperties saved = client.getSecret(name).getProperties();
        return new Stored(name, STORED, saved.getVersion(), saved.getNotBefore(), saved.getExpiresOn());
// END STORE_SECRET
