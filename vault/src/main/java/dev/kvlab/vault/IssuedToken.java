package dev.kvlab.vault;

import java.time.Instant;

/** A bearer token the local vault's token service issued: the JWT text and when it stops being accepted. */
public record IssuedToken(String token, Instant expiresAt, String principal) {
    @Override
    public String toString() {
        // a token is a credential: keep it out of logs and assertion messages
        return "IssuedToken[principal=" + principal + ", expiresAt=" + expiresAt + "]";
    }
}
