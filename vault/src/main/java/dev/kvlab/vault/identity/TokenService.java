package dev.kvlab.vault.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kvlab.vault.Caller;
import dev.kvlab.vault.IssuedToken;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.VaultClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local vault's token service: issues ES256-signed JWTs for named principals and turns an
 * {@code Authorization} header back into a {@link Caller}. Times come from the {@link VaultClock}, so advancing
 * the clock expires tokens without waiting.
 */
public final class TokenService {
    /** The issuer of every local token; it is not Entra ID and nothing ever calls it. */
    public static final String ISSUER = "https://sts.localhost/" + LocalAuthority.TENANT_ID + "/";
    /** How long a token is valid, like Entra ID's default access-token lifetime. */
    public static final Duration LIFETIME = Duration.ofHours(1);
    private static final String KEY_FILE = "token-key.json";
    private static final int VERIFIED_CACHE_LIMIT = 10_000;

    private final ECKey key;
    private final ECDSASigner signer;
    private final ECDSAVerifier verifier;
    private final VaultClock clock;
    // Verifying an ECDSA signature costs more than serving a secret; a token's verdict never changes, only its
    // time window is checked again on every request.
    private final Map<String, JWTClaimsSet> verified = new ConcurrentHashMap<>();
    // Entra ID's clients (MSAL behind DefaultAzureCredential) keep a token and hand it out again; so does this
    // service for tokens of the usual lifetime, per principal and audience, for a minute of the vault's clock: signing
    // is paid once, not once per SDK client (a check run builds dozens). Only a minute, because checks move the clock
    // within the hour a client's token lives and count on a token asked for now to live an hour from now.
    private final Map<String, Kept> handedOut = new ConcurrentHashMap<>();
    private static final Duration KEPT_FOR = Duration.ofMinutes(1);

    private record Kept(IssuedToken token, Instant notBefore) {}

    private TokenService(ECKey key, VaultClock clock) {
        try {
            this.key = key;
            this.signer = new ECDSASigner(key);
            this.verifier = new ECDSAVerifier(key.toPublicJWK());
            this.clock = clock;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot use the token signing key: " + e.getMessage(), e);
        }
    }

    /** A token service with a fresh signing key: tokens of earlier runs are rejected. */
    public static TokenService create(VaultClock clock) {
        return new TokenService(newKey(), clock);
    }

    /** A token service whose signing key is kept in {@code dir}, so tokens clients cached survive a restart. */
    public static TokenService loadOrCreate(Path dir, VaultClock clock) {
        Path file = dir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return new TokenService(ECKey.parse(Files.readString(file)), clock);
            }
            ECKey key = newKey();
            Files.createDirectories(dir);
            Path temporary = file.resolveSibling(KEY_FILE + ".tmp");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, key.toJSONString());
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new TokenService(key, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the token key in " + dir + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is damaged; delete it (clients then sign in again)", e);
        }
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a token signing key: " + e.getMessage(), e);
        }
    }

    /** A token for {@code principal} and the local vault resource, valid for {@link #LIFETIME} from the clock's now. */
    public IssuedToken issue(String principal) {
        return issue(principal, LocalAuthority.RESOURCE, LIFETIME);
    }

    /** A token for any audience and lifetime; tests use it to make tokens the vault must refuse. */
    public IssuedToken issue(String principal, String audience, Duration lifetime) {
        return issue(principal, audience, lifetime, LocalAuthority.TENANT_ID);
    }

    /** A token for another tenant ({@code tid}), signed by this service: the vault must refuse it. */
    public IssuedToken issue(String principal, String audience, Duration lifetime, String tenantId) {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("a token needs a principal name, e.g. \"lab-user\"");
        }
        Instant now = clock.now();
        // what a client of the lab asks for; tests also make tokens the vault must refuse, and those are never kept
        boolean usual = lifetime.equals(LIFETIME) && LocalAuthority.TENANT_ID.equals(tenantId) && audience != null
                && !audience.isBlank();
        String keptAs = principal + "\n" + audience;
        Kept kept = usual ? handedOut.get(keptAs) : null;
        if (kept != null && !now.isBefore(kept.notBefore()) && now.isBefore(kept.notBefore().plus(KEPT_FOR))) {
            return kept.token();
        }
        Instant expires = now.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(principal)
                .claim("oid", principal)
                .claim("tid", tenantId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
            IssuedToken issued = new IssuedToken(jwt.serialize(), Instant.ofEpochSecond(expires.getEpochSecond()),
                    principal);
            if (usual) {
                handedOut.put(keptAs, new Kept(issued, Instant.ofEpochSecond(now.getEpochSecond())));
                // signed here, with nothing a check of its signature would refuse: its first request skips that. The
                // claims as the token carries them (whole seconds), not as built, so the verdict is the same.
                remember(issued.token(), SignedJWT.parse(issued.token()).getJWTClaimsSet());
            }
            return issued;
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }

    private void remember(String token, JWTClaimsSet claims) {
        if (verified.size() >= VERIFIED_CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(token, claims);
    }

    /** Who sent a request with this {@code Authorization} header (null when there is none). */
    public Caller verify(String authorization) {
        return verify(authorization, TokenService::isLocalResource);
    }

    /**
     * The same for another service that shares this token service, whose tokens name {@code resource} as their
     * audience (with or without a trailing slash), e.g. {@code https://azconfig.io} for App Configuration.
     */
    public Caller verify(String authorization, String resource) {
        return verify(authorization, audience -> resource.equals(audience) || (resource + "/").equals(audience));
    }

    private Caller verify(String authorization, java.util.function.Predicate<String> audienceAccepted) {
        if (authorization == null || authorization.isBlank()) {
            return new Caller.Anonymous();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Caller.Rejected("MalformedToken");
        }
        String token = authorization.substring(7).trim();
        JWTClaimsSet claims = verified.get(token);
        if (claims == null) {
            Object verdict = checkSignature(token);
            if (verdict instanceof Caller.Rejected rejected) {
                return rejected;
            }
            claims = (JWTClaimsSet) verdict;
            remember(token, claims);
        }
        if (claims.getAudience().stream().noneMatch(audienceAccepted)) {
            return new Caller.Rejected("InvalidAudience");
        }
        Instant now = clock.now();
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant())) {
            return new Caller.Rejected("TokenNotYetValid");
        }
        if (!now.isBefore(claims.getExpirationTime().toInstant())) {
            return new Caller.Rejected("TokenExpired");
        }
        Object oid = claims.getClaim("oid");
        return new Caller.Authenticated(oid instanceof String s ? s : claims.getSubject());
    }

    /**
     * Azure Key Vault's own resource: what {@code az account get-access-token --resource https://vault.azure.net} and
     * raw-REST tutorials ask for. Accepted beside the challenge's resource, as the real vault accepts both forms.
     */
    public static final String KEY_VAULT_RESOURCE = "https://vault.azure.net";

    /** The challenge's resource or Key Vault's, with or without the trailing slash some clients add. */
    static boolean isLocalResource(String audience) {
        for (String resource : new String[] {LocalAuthority.RESOURCE, KEY_VAULT_RESOURCE}) {
            if (resource.equals(audience) || (resource + "/").equals(audience)) {
                return true;
            }
        }
        return false;
    }

    /** The claims of a token this service signed, or why not; the audience is checked per request. */
    private Object checkSignature(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return new Caller.Rejected("MalformedToken");
        }
        try {
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return new Caller.Rejected("InvalidSignature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer())) {
                return new Caller.Rejected("InvalidIssuer");
            }
            if (!LocalAuthority.TENANT_ID.equals(claims.getClaim("tid"))) { // Azure checks the tenant besides the issuer
                return new Caller.Rejected("InvalidTenant");
            }
            if (claims.getAudience() == null || claims.getAudience().isEmpty()) {
                return new Caller.Rejected("InvalidAudience");
            }
            if (claims.getExpirationTime() == null || claims.getSubject() == null) {
                return new Caller.Rejected("MalformedToken");
            }
            return claims;
        } catch (JOSEException | ParseException | RuntimeException e) {
            return new Caller.Rejected("InvalidSignature");
        }
    }
}
