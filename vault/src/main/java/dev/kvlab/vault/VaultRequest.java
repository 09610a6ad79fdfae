package dev.kvlab.vault;

/**
 * One data-plane request as the secrets service sees it: the HTTPS server has already read the body, picked the
 * vault from the host name and checked the bearer token.
 *
 * @param method   HTTP method, upper case
 * @param vaultName the vault the host name addresses ({@code kvlab} for {@code kvlab.localhost} and {@code localhost})
 * @param baseUrl  scheme, host and port the client used, e.g. {@code https://kvlab.localhost:8443}; ids and
 *                 next links are built from it
 * @param path     the decoded request path, e.g. {@code /secrets/openai-api-key/}
 * @param rawQuery the query string as sent (may be null)
 * @param body     the request body (empty when there is none)
 * @param caller   who is calling, as far as the token says
 */
public record VaultRequest(String method, String vaultName, String baseUrl, String path, String rawQuery,
                           byte[] body, Caller caller) {
}
