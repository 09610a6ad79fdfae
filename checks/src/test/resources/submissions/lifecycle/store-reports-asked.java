// expect: fail stores a version that expires 180 days after the clock's instant
// message: report what the vault returned
// BEGIN STORE_SECRET
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime expires = now.plus(EXPIRY);
        OffsetDateTime notBefore = activateIn == null ? null : now.plus(activateIn);
        try {
            KeyVaultSecret stored = client.setSecret(new KeyVaultSecret(name, value)
                    .setProperties(new SecretProperties().setExpiresOn(expires).setNotBefore(notBefore)));
            // reports what it asked for, to the millisecond, not what the vault kept
            return new Stored(name, STORED, stored.getProperties().getVersion(), notBefore, expires);
        } catch (ResourceModifiedException e) {
            return new Stored(name, NAME_DELETED, null, null, null);
        }
// END STORE_SECRET
