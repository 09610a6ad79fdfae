package dev.kvlab.vault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.security.keyvault.secrets.SecretClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import dev.kvlab.vault.RawHttps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What the JDK's server answered with a 500 or a {@code text/html} page (broken chunked framing, a bad URI or
 * Content-Length, an unsupported Transfer-Encoding) and dates past what Azure stores: each is a 4xx in Azure's JSON
 * envelope now, and the vault serves on.
 */
class MalformedHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static LocalVault vault;
    static SSLContext tls;
    static String token;

    @BeforeAll
    static void start() {
        vault = LocalVault.start();
        tls = RawHttps.trusting(vault.caCertificatePem());
        token = vault.issueToken(LocalAuthority.LAB_USER).token();
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a chunk size that is not hex, a chunk longer than announced, no CRLF after a chunk, a negative size
        "PUT /secrets/c?api-version=7.6 HTTP/1.1\r\nHost: kvlab.localhost\r\nAUTH\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        "PUT /secrets/c?api-version=7.6 HTTP/1.1\r\nHost: kvlab.localhost\r\nAUTH\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{\"value\":\"v\"}\r\n0\r\n\r\n",
        "PUT /secrets/c?api-version=7.6 HTTP/1.1\r\nHost: kvlab.localhost\r\nAUTH\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n",
        "PUT /secrets/c?api-version=7.6 HTTP/1.1\r\nHost: kvlab.localhost\r\nAUTH\r\nTransfer-Encoding: chunked\r\n\r\n-2\r\n{}\r\n0\r\n\r\n",
        // a bad URI, a bad Content-Length, an encoding nobody supports, both framings at once, no Host
        "GET /secrets/%zz?api-version=7.6 HTTP/1.1\r\nHost: kvlab.localhost\r\nAUTH\r\n\r\n",
        "PUT /secrets/c?api-version=7.6 HTTP/1.1\r\nHost: kvlab.localhost\r\nAUTH\r\nContent-Length: 12abc\r\n\r\n",
        "PUT /secrets/c?api-version=7.6 HTTP/1.1\r\nHost: kvlab.localhost\r\nAUTH\r\nTransfer-Encoding: gzip\r\n\r\n",
        "PUT /secrets/c?api-version=7.6 HTTP/1.1\r\nHost: kvlab.localhost\r\nAUTH\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n{}",
        "GET /secrets?api-version=7.6 HTTP/1.1\r\nAUTH\r\n\r\n",
        "GET /secrets?api-version=7.6 HTTP/9.9\r\nHost: kvlab.localhost\r\n\r\n",
    })
    void brokenHttpIsA400InAzuresEnvelope(String request) throws Exception {
        Answer answer = exchange(request.replace("AUTH", "Authorization: Bearer " + token));
        assertEquals(400, answer.status, answer.body);
        assertTrue(answer.headers.get("content-type").startsWith("application/json"), answer.headers.toString());
        assertEquals("BadParameter", JSON.readTree(answer.body).path("error").path("code").asText(), answer.body);
        assertServing();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"nbf\":9223372036854775807", "\"exp\":1e18", "\"exp\":-1e18", "\"exp\":31556889864403199",
        "\"exp\":253402300800", "\"nbf\":-62135596801", "\"exp\":-9223372036854775808"})
    void datesAzureCannotStoreAreRefusedAndListingStillWorks(String attribute) throws Exception {
        String body = "{\"value\":\"v\",\"attributes\":{" + attribute + "}}";
        RawHttps.Response response = RawHttps.send(tls, vault.port(), "kvlab.localhost", "PUT",
                "/secrets/far-future?api-version=7.6", Map.of("Authorization", "Bearer " + token,
                        "Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.status(), response.body());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals("BadParameter", error.path("code").asText());
        SecretClient client = LoopbackClients.secretClient(vault, vault.url(), LocalAuthority.LAB_USER);
        assertTrue(client.listPropertiesOfSecrets().stream().count() >= 2, "every list still reads");
    }

    @Test
    void theLastDatesAzureStoresAreAccepted() throws Exception {
        String body = "{\"value\":\"v\",\"attributes\":{\"nbf\":-62135596800,\"exp\":253402300799}}";
        RawHttps.Response response = RawHttps.send(tls, vault.port(), "kvlab.localhost", "PUT",
                "/secrets/edge-dates?api-version=7.6", Map.of("Authorization", "Bearer " + token,
                        "Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.status(), response.body());
        SecretClient client = LoopbackClients.secretClient(vault, vault.url(), LocalAuthority.LAB_USER);
        assertEquals(9999, client.getSecret("edge-dates").getProperties().getExpiresOn().getYear());
        assertTrue(client.listPropertiesOfSecrets().stream().anyMatch(p -> p.getName().equals("edge-dates")));
    }

    @Test
    void anUnauthenticatedRestoreIsRefusedBeforeItsBodyIsRead() throws Exception {
        // 24 MiB announced, 1 KiB sent: the 401 must come without the vault waiting for (or holding) the rest
        int announced = VaultServer.MAX_RESTORE_BODY_BYTES;
        String head = "POST /secrets/restore?api-version=7.6 HTTP/1.1\r\nHost: kvlab.localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + announced + "\r\n\r\n{\"value\":\""
                + "A".repeat(1024);
        Answer answer = exchange(head);
        assertEquals(401, answer.status, answer.body);
        assertEquals("close", answer.headers.get("connection"), "the unread body ends the connection");
        assertTrue(answer.headers.get("www-authenticate").startsWith("Bearer "), answer.headers.toString());
        assertServing();
    }

    @Test
    void aSmallUnauthenticatedBodyIsSkippedAndTheConnectionKept() throws Exception {
        try (Conversation conversation = new Conversation()) {
            Answer first = conversation.exchange("PUT /secrets/x?api-version=7.6 HTTP/1.1\r\nHost: kvlab.localhost\r\n"
                    + "Content-Length: 13\r\n\r\n{\"value\":\"v\"}");
            assertEquals(401, first.status);
            Answer second = conversation.exchange("GET /secrets/openai-api-key/?api-version=7.6 HTTP/1.1\r\n"
                    + "Host: kvlab.localhost\r\nAuthorization: Bearer " + token + "\r\n\r\n");
            assertEquals(200, second.status, "the same connection answers the next request");
        }
    }

    private static void assertServing() throws IOException {
        assertEquals(200, RawHttps.send(tls, vault.port(), "kvlab.localhost", "GET",
                "/secrets/openai-api-key/?api-version=7.6", Map.of("Authorization", "Bearer " + token), null).status());
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    private static Answer exchange(String request) throws IOException {
        try (Conversation conversation = new Conversation()) {
            return conversation.exchange(request);
        }
    }

    /** One kept-alive TLS connection, raw bytes out, one answer back per request. */
    private static final class Conversation implements AutoCloseable {
        final SSLSocket socket;
        final InputStream in;

        Conversation() throws IOException {
            Socket plain = new Socket("127.0.0.1", vault.port());
            socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "kvlab.localhost", vault.port(), true);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
        }

        Answer exchange(String request) throws IOException {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            int status = Integer.parseInt(line().split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    line.write(c);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
