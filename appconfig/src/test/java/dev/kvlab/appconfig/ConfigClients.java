package dev.kvlab.appconfig;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.ConfigurationClientBuilder;
import dev.kvlab.vault.IssuedToken;
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
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * The unmodified {@code ConfigurationClient} for a local store, built as the lab runtime builds its clients:
 * azure-core's Netty client whose resolver sends {@code *.localhost} to 127.0.0.1 (the system resolver does not
 * know those names), trusting only the local CA. Host header, TLS server name and certificate check all still see
 * {@code kvlab-config.localhost}.
 */
final class ConfigClients {
    private ConfigClients() {
    }

    static HttpClient httpClient(String caPem) {
        try {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
            io.netty.handler.ssl.SslContext tls = SslContextBuilder.forClient().trustManager(ca).build();
            reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
                    .resolver(LoopbackResolver.INSTANCE)
                    .secure(spec -> spec.sslContext(tls));
            return new NettyAsyncHttpClientBuilder(netty).build();
        } catch (java.security.cert.CertificateException | javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Errors surface at once: no retries with waits in tests. */
    static ConfigurationClientBuilder builder(LocalAppConfig config) {
        return new ConfigurationClientBuilder()
                .httpClient(httpClient(config.caCertificatePem()))
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
    }

    static ConfigurationClient withConnectionString(LocalAppConfig config) {
        return builder(config).connectionString(config.connectionString()).buildClient();
    }

    static ConfigurationClient withToken(LocalAppConfig config, String principal) {
        return builder(config).endpoint(config.endpoint().toString()).credential(credential(config, principal))
                .buildClient();
    }

    /** A credential that hands out the vault's token for {@code principal}, for the scope the SDK asks. */
    static TokenCredential credential(LocalAppConfig config, String principal) {
        return request -> Mono.fromCallable(() -> {
            String scope = request.getScopes().get(0);
            String resource = scope.endsWith("/.default") ? scope.substring(0, scope.length() - 9) : scope;
            IssuedToken token = config.vault().tokenService().issue(principal, resource, Duration.ofHours(1));
            return new AccessToken(token.token(), OffsetDateTime.ofInstant(token.expiresAt(), ZoneOffset.UTC));
        });
    }

    /** Resolves {@code localhost} and {@code *.localhost} to 127.0.0.1, everything else as usual. */
    static final class LoopbackResolver extends AddressResolverGroup<InetSocketAddress> {
        static final LoopbackResolver INSTANCE = new LoopbackResolver();

        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
                @Override
                protected void doResolve(String host, Promise<InetAddress> promise) {
                    try {
                        promise.setSuccess(loopback(host));
                    } catch (UnknownHostException e) {
                        promise.setFailure(e);
                    }
                }

                @Override
                protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                    try {
                        promise.setSuccess(List.of(loopback(host)));
                    } catch (UnknownHostException e) {
                        promise.setFailure(e);
                    }
                }
            });
        }

        static InetAddress loopback(String host) throws UnknownHostException {
            String h = host.toLowerCase(Locale.ROOT);
            if (h.equals("localhost") || h.endsWith(".localhost")) {
                return InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1});
            }
            throw new UnknownHostException(host + ": tests reach loopback only");
        }
    }
}
