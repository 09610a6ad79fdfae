// expect: fail sets a not-before date when asked
// message: expires on
// BEGIN STORE_SECRET
        Instant start = activateIn == null ? clock.instant() : clock.instant().plus(activateIn);
        SecretProperties properties = new SecretProperties().setExpiresOn(start.plus(EXPIRY).atOffset(ZoneOffset.UTC));
        if (activateIn != null) {
            properties.setNotBefore(start.atOffset(ZoneOffset.UTC));
        }
        try {
            SecretProperties saved = client.setSecret(new KeyVaultSecret(name, value).setProperties(properties)).getProperties();
            return new Stored(name, STORED, saved.getVersion(), saved.getNotBefore(), saved.getExpiresOn());
        } catch (ResourceModifiedException e) {
            return new Stored(name, NAME_DELETED, null, null, null);
        }
// END STORE_SECRET
