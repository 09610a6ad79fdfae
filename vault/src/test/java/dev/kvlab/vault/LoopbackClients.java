package dev.kvlab.vault;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import reactor.core.publisher.Mono;

/**
 * SDK clients for a local vault, the way the lab runtime builds them: azure-core's Netty client on a
 * reactor-netty client whose resolver sends {@code localhost} and {@code *.localhost} to 127.0.0.1 (the system
 * resolver here does not know {@code *.localhost}). The URL keeps its host, so the Host header, TLS server name
 * and certificate check all see {@code kvlab.localhost}.
 */
public final class LoopbackClients {
    private LoopbackClients() {
    }

    /** An HTTP client that trusts only {@code caPem} and routes {@code *.localhost} to loopback. */
    public static HttpClient httpClient(String caPem) {
        try {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
            SslContext tls = SslContextBuilder.forClient().trustManager(ca).build();
            return httpClient(tls);
        } catch (java.security.cert.CertificateException | SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP client with the given TLS settings that routes {@code *.localhost} to loopback. */
    public static HttpClient httpClient(SslContext tls) {
        return httpClient(tls, LoopbackResolver.INSTANCE);
    }

    /** An HTTP client that sends every host name to 127.0.0.1 (to show the certificate check is on). */
    public static HttpClient httpClientRoutingEveryHostToLoopback(String caPem) {
        try {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
            return httpClient(SslContextBuilder.forClient().trustManager(ca).build(), new LoopbackResolver(true));
        } catch (java.security.cert.CertificateException | SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient httpClient(SslContext tls, LoopbackResolver resolver) {
        reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
                .resolver(resolver)
                .secure(spec -> spec.sslContext(tls));
        return new NettyAsyncHttpClientBuilder(netty).build();
    }

    /**
     * The SDK's OkHttp transport with the same routing and trust (the throughput benchmark compares transports).
     * OkHttp checks the host name against the certificate itself.
     */
    public static HttpClient okHttpClient(String caPem) {
        try {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("kvlab-ca", ca);
            javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
            trust.init(store);
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            okhttp3.OkHttpClient ok = new okhttp3.OkHttpClient.Builder()
                    .sslSocketFactory(tls.getSocketFactory(), (javax.net.ssl.X509TrustManager) trust.getTrustManagers()[0])
                    .dns(host -> List.of(LoopbackResolver.INSTANCE.loopbackOrSystem(host)))
                    .build();
            return new com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder(ok).build();
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A credential that hands out the vault's token for {@code principal}. */
    public static TokenCredential credential(LocalVault vault, String principal) {
        return request -> Mono.fromCallable(() -> {
            IssuedToken token = vault.issueToken(principal);
            return new AccessToken(token.token(), OffsetDateTime.ofInstant(token.expiresAt(), ZoneOffset.UTC));
        });
    }

    /** A credential that always hands out this token text (forged, expired, ... tokens in tests). */
    public static TokenCredential fixedToken(String token) {
        return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }

    /** A {@code SecretClient} for {@code vaultUrl} signed in as {@code principal}. */
    public static SecretClient secretClient(LocalVault vault, URI vaultUrl, String principal) {
        return secretClient(vault, vaultUrl, credential(vault, principal));
    }

    public static SecretClient secretClient(LocalVault vault, URI vaultUrl, TokenCredential credential) {
        return new SecretClientBuilder()
                .vaultUrl(vaultUrl.toString())
                .credential(credential)
                .httpClient(httpClient(vault.caCertificatePem()))
                .buildClient();
    }

    /** Resolves {@code localhost} and {@code *.localhost} to 127.0.0.1, everything else as usual. */
    static final class LoopbackResolver extends AddressResolverGroup<InetSocketAddress> {
        static final LoopbackResolver INSTANCE = new LoopbackResolver(false);
        private final boolean everyHost;

        LoopbackResolver(boolean everyHost) {
            this.everyHost = everyHost;
        }

        static boolean isLocal(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return h.equals("localhost") || h.endsWith(".localhost");
        }

        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
                @Override
                protected void doResolve(String host, Promise<InetAddress> promise) {
                    try {
                        promise.setSuccess(loopbackOrSystem(host));
                    } catch (UnknownHostException e) {
                        promise.setFailure(e);
                    }
                }

                @Override
                protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                    try {
                        promise.setSuccess(List.of(loopbackOrSystem(host)));
                    } catch (UnknownHostException e) {
                        promise.setFailure(e);
                    }
                }
            });
        }

        InetAddress loopbackOrSystem(String host) throws UnknownHostException {
            return everyHost || isLocal(host) ? InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}) : InetAddress.getByName(host);
        }
    }
}
