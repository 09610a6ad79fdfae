// expect: fail stores a version that expires 180 days after the clock's instant
// message: refused its setSecret with 400
// BEGIN STORE_SECRET
        Instant now = clock.instant();
        // dates the name to tell stores apart; ':' and '.' are not allowed in a name, so the vault answers 400,
        // which this SDK also throws as a ResourceModifiedException: caught by its type, it passes for a deleted name
        KeyVaultSecret secret = new KeyVaultSecret(name + "-" + now, value);
        secret.getProperties().setExpiresOn(now.plus(EXPIRY).atOffset(ZoneOffset.UTC));
        if (activateIn != null) {
            secret.getProperties().setNotBefore(now.plus(activateIn).atOffset(ZoneOffset.UTC));
        }
        try {
            SecretProperties saved = client.setSecret(secret).getProperties();
            return new Stored(name, STORED, saved.getVersion(), saved.getNotBefore(), saved.getExpiresOn());
        } catch (ResourceModifiedException e) {
            return new Stored(name, NAME_DELETED, null, null, null);
        }
// END STORE_SECRET
