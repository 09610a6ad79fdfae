// expect: pass
// BEGIN STORE_SECRET
        OffsetDateTime now = OffsetDateTime.now(clock);
        KeyVaultSecret secret = new KeyVaultSecret(name, value);
        secret.getProperties().setExpiresOn(now.plusDays(180));
        if (activateIn != null) {
            secret.getProperties().setNotBefore(now.plus(activateIn));
        }
        try {
            SecretProperties saved = client.setSecret(secret).getProperties();
            return new Stored(name, STORED, saved.getVersion(), saved.getNotBefore(), saved.getExpiresOn());
        } catch (HttpResponseException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 409) {
                return new Stored(name, NAME_DELETED, null, null, null);
            }
            throw e;
        }
// END STORE_SECRET
// BEGIN RECOVER_SECRET
        try {
            client.beginRecoverDeletedSecret(name).setPollInterval(pollInterval).waitForCompletion();
        } catch (HttpResponseException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
            return new Recovery(name, NOTHING_TO_RECOVER);
        }
        return new Recovery(name, RECOVERED);
// END RECOVER_SECRET
