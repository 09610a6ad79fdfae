package dev.kvlab.runtime;

import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Configuration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The HTTP client for a vault on loopback: the SDK's OkHttp transport, with {@code *.localhost} routed to
 * 127.0.0.1 and only the local vault's CA certificate trusted.
 *
 * <p>Why: {@code *.localhost} names do not resolve through the system resolver on many machines, yet the
 * local vault must be addressed as {@code https://<vault>.localhost:<port>} for the SDK's challenge-resource
 * check to pass. Only name resolution changes: the request still carries the vault's host name in the
 * {@code Host} header and as the TLS server name, and OkHttp checks the certificate against it.
 */
public final class LoopbackTransport {
    private LoopbackTransport() {
    }

    /** An azure-core {@link HttpClient} that trusts the CA in {@code caCertificatePem} (PEM text). */
    public static HttpClient httpClient(String caCertificatePem) {
        X509TrustManager trust = trusting(caCertificatePem);
        SSLContext tls;
        try {
            tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new LabException("cannot set up TLS for the local vault (" + e.getMessage() + ").", e);
        }
        OkHttpClient okHttp = new OkHttpClient.Builder()
                .sslSocketFactory(tls.getSocketFactory(), trust)
                .dns(host -> List.of(address(host)))
                .proxy(Proxy.NO_PROXY)
                .build();
        // Configuration.NONE: a proxy from the environment (HTTPS_PROXY) must not see loopback traffic.
        return new OkHttpAsyncHttpClientBuilder(okHttp).configuration(Configuration.NONE).build();
    }

    /** A trust manager for exactly the certificates in the PEM text, or a one-line error. */
    private static X509TrustManager trusting(String pem) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new java.security.cert.CertificateException("no certificate in it");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("kvlab-ca-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new GeneralSecurityException("no X.509 trust manager");
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new LabException("the local vault's CA certificate is not a readable PEM certificate ("
                    + e.getMessage() + "). Use the KVLAB_CA_CERT file the vault printed.", e);
        }
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

    /** {@code localhost} and {@code *.localhost} are 127.0.0.1; everything else resolves as the JDK does. */
    static InetAddress address(String host) throws UnknownHostException {
        if (isLocalhostName(host)) {
            return InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1});
        }
        return InetAddress.getByName(host);
    }
}
