package dev.kvlab.vault.bench;

import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.tls.ServerCertificate;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Embedded start in a fresh JVM: {@code LocalVault.start()} and then the first answered request (the 401
 * challenge to an anonymous GET, over HTTPS with the JDK's HttpClient trusting the vault's CA). Run in a new JVM
 * each time (bench/vault.sh does), since class loading is most of the cost.
 */
public final class EmbeddedStartBench {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        LocalVault vault = LocalVault.start();
        long started = System.nanoTime();
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(vault.caCertificatePem().getBytes(StandardCharsets.US_ASCII)));
        HttpClient client = HttpClient.newBuilder().sslContext(ServerCertificate.clientContextTrusting(ca)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + vault.port() + "/secrets/openai-api-key/?api-version=2025-07-01"))
                .build(), HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        long jvm = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.printf("embedded start: LocalVault.start() %d ms, start -> first answered request (%d) %d ms"
                        + " (JVM uptime before main work: ~%d ms)%n",
                (started - t0) / 1_000_000, response.statusCode(), (answered - t0) / 1_000_000,
                jvm - (answered - t0) / 1_000_000);
        vault.close();
    }
}
