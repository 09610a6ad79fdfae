package dev.kvlab.vault;

/** Who sent a request, as far as its {@code Authorization} header tells. */
public sealed interface Caller {

    /** No bearer token: the start of the SDK's challenge handshake. */
    record Anonymous() implements Caller {
    }

    /** A token that did not verify; {@code reason} is e.g. {@code TokenExpired}, {@code InvalidSignature},
     *  {@code InvalidAudience}, {@code MalformedToken}. Never contains the token itself. */
    record Rejected(String reason) implements Caller {
    }

    /** A verified token for a named principal (e.g. {@code lab-user}). */
    record Authenticated(String principal) implements Caller {
    }
}
