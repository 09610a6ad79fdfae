package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One slow client cannot stop the console: connections that send nothing or half a request hold up only themselves,
 * and each is cut off at the read deadline.
 */
class ConsoleSlowClientsTest {

    @Test
    void idleAndHalfSentConnectionsDoNotDelayThePage() throws Exception {
        try (LabFixture lab = LabFixture.of("solutions")) {
            int port = lab.server.url().getPort();
            String host = "127.0.0.1:" + port;
            assertEquals(200, RawHttp.get(port, host, "/").status());   // warm: templates, docs
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                    stalled.add(s);
                    String part = switch (i % 4) {
                        case 0 -> "";                                                   // connects, says nothing
                        case 1 -> "GET / HT";                                           // half a request line
                        case 2 -> "GET / HTTP/1.1\r\nHost: " + host + "\r\n";            // headers never end
                        default -> "POST /run/rotate HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 500\r\n\r\ntoken=";
                    };
                    s.getOutputStream().write(part.getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
                long slowest = 0;
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    RawHttp.Reply page = RawHttp.get(port, host, "/");
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(200, page.status());
                    assertTrue(page.body().contains("id=\"run-retrieve\""));
                    assertTrue(ms < 2_000, "the page took " + ms + " ms while 100 connections stalled");
                    slowest = Math.max(slowest, ms);
                }
                System.out.println("the page with 100 stalled connections: at most " + slowest + " ms");
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aHalfSentRequestIsCutOffAtTheReadDeadline() throws Exception {
        try (LabFixture lab = LabFixture.of("solutions");
             ConsoleServer quick = ConsoleServer.start(0, Duration.ofMillis(300), () -> lab.console);
             Socket half = new Socket(InetAddress.getLoopbackAddress(), quick.url().getPort())) {
            half.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + quick.url().getPort() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            half.setSoTimeout(10_000);   // far above the deadline: reaching it fails the test
            long start = System.nanoTime();
            String reply;
            try (InputStream in = half.getInputStream()) {
                reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the console kept a half-sent request open for 10 s", e);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(reply.startsWith("HTTP/1.1 408 "), reply);
            assertTrue(ms < 5_000, "cut off after " + ms + " ms");
        }
    }
}
