package dev.kvlab.runtime;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import dev.kvlab.vault.IssuedToken;
import dev.kvlab.vault.LocalVault;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * A {@link TokenCredential} that signs in to an embedded local vault as a named principal, the way
 * {@code DefaultAzureCredential} signs in to Entra ID: the SDK asks it for a token after the vault's 401
 * challenge and sends the token as a bearer token. Asked for App Configuration's scope ({@code https://azconfig.io}
 * or {@code https://appconfig.azure.com}), it hands out a token for that audience from the same token service, which
 * the local store beside the vault accepts.
 */
public final class LocalVaultCredential implements TokenCredential {
    private static final Set<String> APP_CONFIG_AUDIENCES = Set.of(Lab.APP_CONFIG_AUDIENCE, "https://appconfig.azure.com");
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
        String resource = appConfigResource(request);
        IssuedToken token = resource == null ? vault.issueToken(principal)
                : vault.tokenService().issue(principal, resource, Duration.ofHours(1));
        return new AccessToken(token.token(), token.expiresAt().atOffset(ZoneOffset.UTC));
    }

    /** The App Configuration audience the request asks for, or null (then it is the vault's). */
    private static String appConfigResource(TokenRequestContext request) {
        for (String scope : request.getScopes()) {
            String resource = scope.endsWith("/.default") ? scope.substring(0, scope.length() - "/.default".length()) : scope;
            if (APP_CONFIG_AUDIENCES.contains(resource)) {
                return resource;
            }
        }
        return null;
    }
}
