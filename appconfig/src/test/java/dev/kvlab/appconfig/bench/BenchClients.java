package dev.kvlab.appconfig.bench;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
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
import java.util.List;
import java.util.Locale;

/**
 * (The benchmark's copy of the tests' ConfigClients transport.) The unmodified {@code ConfigurationClient} for a local store, built as the lab runtime builds its clients:
 * azure-core's Netty client whose resolver sends {@code *.localhost} to 127.0.0.1 (the system resolver does not
 * know those names), trusting only the local CA. Host header, TLS server name and certificate check all still see
 * {@code kvlab-config.localhost}.
 */
public final class BenchClients {
    private BenchClients() {
    }

    public static HttpClient httpClient(String caPem) {
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
