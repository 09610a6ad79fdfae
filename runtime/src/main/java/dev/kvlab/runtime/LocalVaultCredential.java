package dev.kvlab.runtime;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import dev.kvlab.vault.IssuedToken;
import dev.kvlab.vault.LocalVault;
import java.time.ZoneOffset;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * A {@link TokenCredential} that signs in to an embedded local vault as a named principal, the way
 * {@code DefaultAzureCredential} signs in to Entra ID: the SDK asks it for a token after the vault's 401
 * challenge and sends the token as a bearer token.
 */
public final class LocalVaultCredential implements TokenCredential {
    private final LocalVault vault;
    private final String principal;

    public LocalVaultCredential(LocalVault vault, String principal) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.principal = Objects.requireNonNull(principal, "principal");
    }

    public String principal() {
        return principal;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromSupplier(() -> getTokenSync(request));
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        IssuedToken token = vault.issueToken(principal);
        return new AccessToken(token.token(), token.expiresAt().atOffset(ZoneOffset.UTC));
    }
}
