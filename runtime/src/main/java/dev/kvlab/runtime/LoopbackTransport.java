package dev.kvlab.runtime;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.util.Configuration;
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
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The HTTP client for a vault on loopback: the azure-core Netty client, with {@code *.localhost} routed to
 * 127.0.0.1 and the local vault's CA certificate trusted.
 *
 * <p>Why: {@code *.localhost} names do not resolve through the system resolver on many machines, yet the
 * local vault must be addressed as {@code https://<vault>.localhost:<port>} for the SDK's challenge-resource
 * check to pass. Only name resolution changes: the request still carries the vault's host name in the
 * {@code Host} header and as the TLS server name, and the certificate is verified against it.
 */
public final class LoopbackTransport {
    private LoopbackTransport() {
    }

    /** An azure-core {@link HttpClient} that trusts the CA in {@code caCertificatePem} (PEM text). */
    public static HttpClient httpClient(String caCertificatePem) {
        SslContext tls;
        try {
            tls = SslContextBuilder.forClient()
                    .trustManager(new ByteArrayInputStream(caCertificatePem.getBytes(StandardCharsets.US_ASCII)))
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new LabException("the local vault's CA certificate is not a readable PEM certificate ("
                    + e.getMessage() + "). Use the KVLAB_CA_CERT file the vault printed.", e);
        }
        reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
                .resolver(LoopbackResolver.INSTANCE)
                .secure(spec -> spec.sslContext(tls));
        // Configuration.NONE: a proxy from the environment (HTTPS_PROXY) must not see loopback traffic.
        return new NettyAsyncHttpClientBuilder(netty).configuration(Configuration.NONE).build();
    }

    /** True for {@code localhost}, {@code *.localhost}, 127.0.0.0/8 and ::1: hosts the lab treats as a local vault. */
    public static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return isLocalhostName(h) || h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    public static boolean isLoopback(URI url) {
        return url != null && isLoopback(url.getHost());
    }

    static boolean isLocalhostName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost");
    }

    /** Resolves {@code localhost} and {@code *.localhost} to 127.0.0.1 and everything else as the JDK does. */
    static final class LoopbackResolver extends AddressResolverGroup<InetSocketAddress> {
        static final LoopbackResolver INSTANCE = new LoopbackResolver();

        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
                @Override
                protected void doResolve(String host, Promise<InetAddress> promise) {
                    try {
                        promise.setSuccess(address(host));
                    } catch (UnknownHostException e) {
                        promise.setFailure(e);
                    }
                }

                @Override
                protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                    try {
                        promise.setSuccess(List.of(address(host)));
                    } catch (UnknownHostException e) {
                        promise.setFailure(e);
                    }
                }
            });
        }

        static InetAddress address(String host) throws UnknownHostException {
            if (isLocalhostName(host)) {
                return InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1});
            }
            return InetAddress.getByName(host);
        }
    }
}
