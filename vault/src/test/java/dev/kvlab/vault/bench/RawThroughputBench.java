package dev.kvlab.vault.bench;

import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.RawHttps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The server's share alone: GET of a secret over kept-alive TLS connections from a bare socket client (no SDK),
 * 8 connections, {@code args[0]} seconds (default 5) after a warm-up of the same length.
 */
public final class RawThroughputBench {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (LocalVault vault = LocalVault.builder().throttleLimits(100_000_000, 100_000_000).start()) {
            SSLContext tls = RawHttps.trusting(vault.caCertificatePem());
            byte[] request = ("GET /secrets/openai-api-key/?api-version=2025-07-01 HTTP/1.1\r\n"
                    + "Host: kvlab.localhost:" + vault.port() + "\r\n"
                    + "Authorization: Bearer " + vault.issueToken(LocalAuthority.LAB_USER).token() + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            run(vault.port(), tls, request, 8, seconds, false);
            run(vault.port(), tls, request, 8, seconds, true);
        }
    }

    private static void run(int port, SSLContext tls, byte[] request, int threads, int seconds, boolean print)
            throws Exception {
        long cpuBefore = ThroughputBench.processCpuNanos();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong total = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                try (Socket plain = new Socket("127.0.0.1", port);
                     SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "kvlab.localhost", port, true)) {
                    plain.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    while (System.nanoTime() < end) {
                        out.write(request);
                        out.flush();
                        readResponse(in);
                        total.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        double cpu = (ThroughputBench.processCpuNanos() - cpuBefore) / 1e9;
        if (print) {
            System.out.printf("raw TLS client, %d connections, %d s: %,d requests, %,.0f/s; process CPU %.1f s"
                            + " (%,.0f requests per CPU-second, client included)%n",
                    threads, seconds, total.get(), total.get() / (double) seconds, cpu, total.get() / cpu);
        }
    }

    private static void readResponse(InputStream in) throws IOException {
        int length = -1;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (in.readNBytes(length).length != length) {
            throw new IOException("short body");
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
