package dev.kvlab.vault.server;

import java.io.IOException;

/**
 * Answers every request to a host name that another service serves on the vault's front (see
 * {@link VaultServer#serveHost} and {@code dev.kvlab.vault.Companion}). The front has already parsed and bounded the
 * request head; the handler decides whether and when to read the body ({@link HostRequest#body}), so it can refuse an
 * unauthenticated client before that client uploads anything. Its requests get the same deadlines as the vault's.
 */
@FunctionalInterface
public interface HostHandler {

    /**
     * The answer to one request; never null. A runtime failure in here is a bug of the service: the front logs it
     * and answers 500 in Azure's JSON envelope.
     *
     * @throws IOException only as {@link HostRequest#body} throws it (the client went away or missed its deadline):
     *                     the connection then closes without an answer
     */
    HostResponse handle(HostRequest request) throws IOException;
}
