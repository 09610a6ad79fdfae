// expect: pass
// BEGIN STORE_SECRET
        Instant now = Instant.now(clock);
        OffsetDateTime expires = OffsetDateTime.ofInstant(now.plus(Duration.ofDays(180)), ZoneOffset.UTC);
        OffsetDateTime notBefore = activateIn == null ? null : OffsetDateTime.ofInstant(now.plus(activateIn), ZoneOffset.UTC);
        KeyVaultSecret stored;
        try {
            stored = client.setSecret(new KeyVaultSecret(name, value)
                    .setProperties(new SecretProperties().setExpiresOn(expires).setNotBefore(notBefore)));
        } catch (ResourceModifiedException conflict) {
            return new Stored(name, NAME_DELETED, null, null, null);
        }
        return new Stored(name, STORED, stored.getProperties().getVersion(), stored.getProperties().getNotBefore(),
                stored.getProperties().getExpiresOn());
// END STORE_SECRET
