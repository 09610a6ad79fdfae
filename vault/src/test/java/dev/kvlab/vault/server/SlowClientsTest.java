package dev.kvlab.vault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.security.keyvault.secrets.SecretClient;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import dev.kvlab.vault.RawHttps;
import dev.kvlab.vault.identity.TokenService;
import dev.kvlab.vault.tls.CertificateAuthority;
import dev.kvlab.vault.tls.ServerCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Clients that connect and stall (half-open TLS, headers sent in part, a body that never comes) hold up only
 * themselves: others are served meanwhile, and each stalled connection is closed when its deadline passes.
 */
class SlowClientsTest {
    /** A TLS handshake record header announcing 512 bytes, and the first 4 of them. */
    private static final byte[] HALF_A_CLIENT_HELLO = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc};
    private static final String HALF_A_REQUEST = "GET /secrets?api-version=2025-07-01 HTTP/1.1\r\nHost: kvlab.lo";

    @Test
    void threeHundredStalledConnectionsDoNotStopTheSdkBeingServed() throws Exception {
        try (LocalVault vault = LocalVault.start()) {
            SSLContext tls = RawHttps.trusting(vault.caCertificatePem());
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    // a third send nothing, a third half a TLS ClientHello, a third half their headers after a handshake
                    Socket plain = new Socket("127.0.0.1", vault.port());
                    stalled.add(plain);
                    if (i % 3 == 1) {
                        plain.getOutputStream().write(HALF_A_CLIENT_HELLO);
                        plain.getOutputStream().flush();
                    } else if (i % 3 == 2) {
                        SSLSocket socket = (SSLSocket) tls.getSocketFactory()
                                .createSocket(plain, "kvlab.localhost", vault.port(), true);
                        socket.startHandshake();
                        socket.getOutputStream().write(HALF_A_REQUEST.getBytes(StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                    }
                }
                SecretClient client = LoopbackClients.secretClient(vault, vault.url(), LocalAuthority.LAB_USER);
                for (int i = 0; i < 5; i++) {
                    client.setSecret("while-stalled", "value-" + i);
                    assertEquals("value-" + i, client.getSecret("while-stalled").getValue());
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aStalledConnectionIsClosedWhenItsDeadlinePasses() throws Exception {
        Timeouts quick = new Timeouts(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300));
        try (ShortDeadlineServer server = new ShortDeadlineServer(quick)) {
            // no TLS at all, half the headers, and a body that stops short: each is cut off, none waits forever
            try (Socket silent = new Socket("127.0.0.1", server.port())) {
                assertClosedWithin(silent.getInputStream(), silent, Duration.ofSeconds(5));
            }
            try (SSLSocket halfHead = server.connect()) {
                halfHead.getOutputStream().write(HALF_A_REQUEST.getBytes(StandardCharsets.US_ASCII));
                halfHead.getOutputStream().flush();
                assertClosedWithin(halfHead.getInputStream(), halfHead, Duration.ofSeconds(5));
            }
            try (SSLSocket trickle = server.connect()) {
                OutputStream out = trickle.getOutputStream();
                String head = "PUT /secrets/x?api-version=2025-07-01 HTTP/1.1\r\nHost: kvlab.localhost\r\n"
                        + "Authorization: Bearer " + server.token() + "\r\nContent-Length: 1000\r\n\r\n{\"value\":";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertClosedWithin(trickle.getInputStream(), trickle, Duration.ofSeconds(5));
            }
            for (int i = 0; i < 100 && server.server.openConnections() > 0; i++) {
                Thread.sleep(10); // the server's side of the close runs just after the client sees it
            }
            assertEquals(0, server.server.openConnections(), "every stalled connection is gone");
        }
    }

    @Test
    void aCompanionsBodyReadHasTheSameDeadline() throws Exception {
        Timeouts quick = new Timeouts(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300));
        try (ShortDeadlineServer server = new ShortDeadlineServer(quick)) {
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            server.server.serveHost("echo.localhost", request -> {
                try {
                    request.body(4096); // the client stops short of its Content-Length: the deadline ends this
                } catch (HostRequest.BodyRefused refused) {
                    throw new AssertionError(refused);
                }
                answered.incrementAndGet();
                return new HostResponse(200, java.util.Map.of(), null);
            });
            try (SSLSocket trickle = server.connect()) {
                OutputStream out = trickle.getOutputStream();
                out.write(("PUT /kv/x HTTP/1.1\r\nHost: echo.localhost\r\nContent-Length: 1000\r\n\r\n{\"value\":")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertClosedWithin(trickle.getInputStream(), trickle, Duration.ofSeconds(5));
            }
            for (int i = 0; i < 100 && server.server.openConnections() > 0; i++) {
                Thread.sleep(10); // the server's side of the close runs just after the client sees it
            }
            assertEquals(0, server.server.openConnections(), "the stalled connection is gone");
            assertEquals(0, answered.get(), "the companion never saw a body that did not arrive");
        }
    }

    /** Reads until the server closes; fails if it has not within {@code limit}. */
    private static void assertClosedWithin(InputStream in, Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        long started = System.nanoTime();
        try {
            while (in.read() != -1) {
                // whatever the server says before closing
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a stalled connection open for " + limit);
        } catch (IOException closed) {
            // reset or TLS alert: closed as well
        }
        assertTrue(System.nanoTime() - started < limit.toNanos());
    }

    /** A vault front with short deadlines over a vault's service, with a CA of its own. */
    private static final class ShortDeadlineServer implements AutoCloseable {
        final LocalVault vault = LocalVault.start();
        final CertificateAuthority authority = CertificateAuthority.generate();
        final VaultServer server;

        ShortDeadlineServer(Timeouts timeouts) {
            TokenService tokens = vault.tokenService();
            server = VaultServer.start(0, authority.issueServerCertificate(List.of("kvlab")).serverContext(), timeouts,
                    tokens::verify, name -> name.equals("kvlab"), "kvlab", vault.service()::handle);
        }

        int port() {
            return server.port();
        }

        String token() {
            return vault.issueToken(LocalAuthority.LAB_USER).token();
        }

        SSLSocket connect() throws IOException {
            Socket plain = new Socket("127.0.0.1", port());
            SSLSocket socket = (SSLSocket) ServerCertificate.clientContextTrusting(authority.certificate())
                    .getSocketFactory().createSocket(plain, "kvlab.localhost", port(), true);
            socket.startHandshake();
            return socket;
        }

        @Override
        public void close() {
            server.close();
            vault.close();
        }
    }
}
