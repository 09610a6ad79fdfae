// expect: fail stores a version that expires 180 days after the clock's instant
// message: expires on
// BEGIN STORE_SECRET
        OffsetDateTime now = OffsetDateTime.now();
        SecretProperties properties = new SecretProperties().setExpiresOn(now.plusDays(180));
        if (activateIn != null) {
            properties.setNotBefore(now.plus(activateIn));
        }
        try {
            SecretProperties saved = client.setSecret(new KeyVaultSecret(name, value).setProperties(properties)).getProperties();
            return new Stored(name, STORED, saved.getVersion(), saved.getNotBefore(), saved.getExpiresOn());
        } catch (ResourceModifiedException e) {
            return new Stored(name, NAME_DELETED, null, null, null);
        }
// END STORE_SECRET
