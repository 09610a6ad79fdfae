package dev.kvlab.vault.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.azure.security.keyvault.secrets.SecretClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import dev.kvlab.vault.RawHttps;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Random requests, seeded and time-boxed: methods, paths, queries, headers, framing and bodies an attacker or a
 * broken client might send, over real TLS. None may get a 5xx, every error is Azure's JSON envelope, and the vault
 * still sets and gets a secret afterwards. Another seed: {@code -Dkvlab.fuzz.seed=N}; longer: {@code
 * -Dkvlab.fuzz.seconds=N}.
 */
class FuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("kvlab.fuzz.seed", 20_261_206L);
    private static final Duration TIME_BOX = Duration.ofSeconds(Long.getLong("kvlab.fuzz.seconds", 5));
    private static final int MAX_REQUESTS = 5_000;
    private static final List<String> METHODS = List.of("GET", "PUT", "PATCH", "POST", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "CONNECT", "PROPFIND", "get");
    /** Not HTTP at all: rarer, since each costs the fuzzer a new connection. */
    private static final List<String> BROKEN_METHODS = List.of("G\u00c9T", "GET /x", "", "G\tT");
    private static final List<String> API_VERSIONS = List.of("7.6", "2025-07-01", "2016-10-01", "7.0", "7.6", "",
            "9.9", "2025-07-01&api-version=7.6", "7.6%00", "../7.6", "7.6", "2025-07-01");
    private static final List<String> SEGMENTS = List.of("secrets", "deletedsecrets", "versions", "backup", "restore",
            "recover", "openai-api-key", "x", "", "..", ".", "%2F", "%00", "%zz", "%", "a%20b", "\u00e9", "%C3%A9",
            "-", "0", "A".repeat(128), "a".repeat(127), "secrets;x", "*", "%2e%2e", "0123456789abcdef0123456789abcdef",
            "openai-api-key", "x", "versions", "secrets");
    private static final List<Long> EPOCHS = List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE,
            31_556_889_864_403_199L, -31_557_014_167_219_200L, 253_402_300_799L, 253_402_300_800L, -62_135_596_800L,
            -62_135_596_801L, 1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L, 1_700_000_000L);

    @Test
    void randomRequestsNeverGetA5xxAndTheVaultKeepsWorking() throws Exception {
        try (LocalVault vault = LocalVault.start()) {
            Random random = new Random(SEED);
            String token = vault.issueToken(LocalAuthority.LAB_USER).token();
            Connection connection = new Connection(RawHttps.trusting(vault.caCertificatePem()), vault.port());
            long end = System.nanoTime() + TIME_BOX.toNanos();
            int sent = 0;
            try {
                for (; sent < MAX_REQUESTS && System.nanoTime() < end; sent++) {
                    Request request = request(random, token);
                    Answer answer = connection.exchange(request);
                    if (answer == null) {
                        continue; // the server waited for more (a body shorter than announced) or closed: both fine
                    }
                    if (System.getProperty("kvlab.fuzz.trace") != null) {
                        System.err.println(answer.status + " " + answer.headers.get("connection") + " "
                                + request.describe().lines().findFirst().orElse("") + " " + answer.body);
                    }
                    String where = "request " + sent + " of seed " + SEED + ": " + request.describe();
                    assertTrue(answer.status < 500, where + " -> " + answer.status + " " + answer.body);
                    if (answer.status >= 400 && !request.method.equals("HEAD")) {
                        assertTrue(answer.headers.getOrDefault("content-type", "").startsWith("application/json"),
                                where + " -> " + answer.headers);
                        JsonNode error = JSON.readTree(answer.body).path("error");
                        assertTrue(error.path("code").isTextual(), where + " -> " + answer.body);
                    }
                }
            } finally {
                connection.close();
            }
            System.err.println("fuzz: sent " + sent + " connects " + connection.connects + " stalls " + connection.stalls);
            assertTrue(sent >= 20, "the fuzzer sent only " + sent + " requests");
            SecretClient client = LoopbackClients.secretClient(vault, vault.url(), LocalAuthority.LAB_USER);
            client.setSecret("after-fuzzing", "still-here");
            assertEquals("still-here", client.getSecret("after-fuzzing").getValue());
        }
    }

    /** One request as bytes, and how it was made (for the failure message). */
    record Request(String method, String target, byte[] bytes, boolean mayStall) {
        String describe() {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            return text.length() > 600 ? text.substring(0, 600) + "..." : text;
        }
    }

    private static Request request(Random r, String token) {
        String method = r.nextInt(16) == 0 ? pick(r, BROKEN_METHODS) : pick(r, METHODS);
        String target = target(r);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", pick(r, List.of("kvlab.localhost", "localhost", "127.0.0.1", "[::1]", "other.localhost",
                "kvlab.localhost:1", "KVLAB.LOCALHOST.", "evil.example", "", "kvlab.localhost\u0000x")));
        int auth = r.nextInt(10);
        if (auth < 7) {
            headers.put("Authorization", "Bearer " + token);
        } else if (auth == 7) {
            headers.put("Authorization", pick(r, List.of("Bearer", "Bearer x.y.z", "Basic YTpi", "Bearer " + token
                    + "x", "Bearer " + token.substring(0, token.length() / 2), "PoP abc")));
        }
        if (r.nextBoolean()) {
            headers.put("Content-Type", pick(r, List.of("application/json", "text/plain", "application/json; "
                    + "charset=utf-16", "", "multipart/form-data; boundary=x")));
        }
        byte[] body = body(r);
        boolean mayStall = false;
        int framing = r.nextInt(24);
        String extra = "";
        if (framing == 0) {
            headers.put("Transfer-Encoding", "chunked");
            body = chunked(r, body);
            mayStall = true;
        } else if (framing == 1) {
            headers.put("Content-Length", pick(r, List.of("-1", "abc", "1e3", " 5", "0x10", "99999999999999999999",
                    "10, 10", "+5", "")));
            mayStall = true; // " 5" is a valid length the body does not fill
        } else if (framing == 2) {
            headers.put("Transfer-Encoding", pick(r, List.of("gzip", "chunked, gzip", "identity", "x")));
            headers.put("Content-Length", Integer.toString(body.length));
        } else if (framing == 3) {
            headers.put("Content-Length", Integer.toString(body.length + 1 + r.nextInt(100)));
            mayStall = true; // the server rightly waits for the rest
        } else if (framing == 4) {
            headers.put("Content-Length", Integer.toString(body.length));
            headers.put("Expect", pick(r, List.of("100-continue", "200-ok")));
        } else if (framing == 5) {
            extra = pick(r, List.of("X-Bad Header: 1\r\n", " folded: line\r\n", "NoColon\r\n", ":empty\r\n",
                    "X-Long: " + "a".repeat(70_000) + "\r\n", "X-Nul: a\u0000b\r\n", "Content-Length: 0\r\n"));
            headers.put("Content-Length", Integer.toString(body.length));
        } else {
            headers.put("Content-Length", Integer.toString(body.length));
        }
        String version = r.nextInt(40) == 0 ? pick(r, List.of("HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/1", "")) : "HTTP/1.1";
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ').append(version)
                .append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append(extra).append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body);
        // a bad request line or version can leave the server waiting for the head to end
        mayStall |= version.isEmpty() || method.isEmpty() || method.contains(" ") || target.contains(" ");
        return new Request(method, target, bytes.toByteArray(), mayStall);
    }

    private static String target(Random r) {
        int kind = r.nextInt(40);
        if (kind == 0) {
            return pick(r, List.of("*", "https://kvlab.localhost/secrets?api-version=7.6", "secrets", "/#frag",
                    "/secrets/x y?api-version=7.6", "/secrets/%", "/" + "a".repeat(20_000), "//secrets", "/\\secrets",
                    "http://[::1/secrets", "/secrets?api-version=7.6#x"));
        }
        StringBuilder path = new StringBuilder();
        int segments = 1 + r.nextInt(4);
        for (int i = 0; i < segments; i++) {
            path.append('/').append(i == 0 && r.nextInt(4) > 0 ? pick(r, List.of("secrets", "deletedsecrets"))
                    : pick(r, SEGMENTS));
        }
        if (r.nextInt(5) == 0) {
            path.append('/');
        }
        StringBuilder query = new StringBuilder();
        if (r.nextInt(8) > 0) {
            query.append("api-version=").append(pick(r, API_VERSIONS));
        }
        if (r.nextInt(4) == 0) {
            query.append("&maxresults=").append(pick(r, List.of("0", "1", "25", "26", "-1", "x", "99999999999",
                    "1.5", "")));
        }
        if (r.nextInt(5) == 0) {
            query.append("&$skiptoken=").append(pick(r, List.of("", "x", "AAAA", "%zz", "eyJ9", "bm9wZQ",
                    "////", "Zm9vYmFy", "MTIz", "e30", "WyJ4Il0")));
        }
        if (r.nextInt(10) == 0) {
            query.append("&").append(pick(r, List.of("=", "&&", "a=%", "api-version", "%ZZ=1", "x=\u00e9")));
        }
        return path + (query.length() == 0 && r.nextBoolean() ? "" : "?" + query);
    }

    private static byte[] body(Random r) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return new byte[0];
        }
        if (kind == 1) {
            byte[] bytes = new byte[r.nextInt(300)];
            r.nextBytes(bytes);
            return bytes;
        }
        if (kind == 2) {
            return ("[".repeat(2_000 + r.nextInt(2_000))).getBytes(StandardCharsets.US_ASCII);
        }
        StringBuilder json = new StringBuilder("{");
        if (r.nextInt(6) > 0) {
            json.append("\"value\":").append(pick(r, List.of("\"v\"", "\"\"", "1", "null", "[]", "{}", "true",
                    "\"\\ud800\"", "\"\\u0000\"", "\"" + "x".repeat(26_000) + "\"", "\"\u00e9\"")));
        }
        if (r.nextBoolean()) {
            json.append(",\"attributes\":{\"enabled\":").append(pick(r, List.of("true", "false", "1", "null", "\"x\"")));
            if (r.nextBoolean()) {
                json.append(",\"nbf\":").append(epoch(r));
            }
            if (r.nextBoolean()) {
                json.append(",\"exp\":").append(epoch(r));
            }
            json.append('}');
        }
        if (r.nextInt(3) == 0) {
            json.append(",\"tags\":").append(pick(r, List.of("{\"a\":\"b\"}", "{\"a\":1}", "[]", "null", "\"t\"",
                    "{\"" + "k".repeat(600) + "\":\"v\"}")));
        }
        if (r.nextInt(3) == 0) {
            json.append(",\"contentType\":").append(pick(r, List.of("\"text/plain\"", "1", "\"" + "c".repeat(300)
                    + "\"")));
        }
        if (r.nextInt(10) == 0) {
            json.append(",\"value\":\"dup\""); // a duplicate key
        }
        String text = json.append(r.nextInt(15) == 0 ? "" : "}").toString().replace("{,", "{");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String epoch(Random r) {
        int kind = r.nextInt(4);
        if (kind == 0) {
            return Long.toString(r.nextLong());
        }
        if (kind == 1) {
            return pick(r, List.of("1e18", "-1e18", "1.5", "1e400", "\"1700000000\"", "null", "99999999999999999999999"));
        }
        return Long.toString(pick(r, EPOCHS));
    }

    private static byte[] chunked(Random r, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int size = Math.min(body.length - at, 1 + r.nextInt(64));
            String header = r.nextInt(8) == 0 ? pick(r, List.of("zz", "-1", "", "ffffffffff", Integer.toHexString(size)
                    + ";ext=1", Integer.toHexString(size + 5), "0x" + Integer.toHexString(size)))
                    : Integer.toHexString(size);
            out.writeBytes((header + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, size);
            out.writeBytes((r.nextInt(10) == 0 ? "XX" : "\r\n").getBytes(StandardCharsets.US_ASCII));
            at += size;
        }
        out.writeBytes((r.nextInt(6) == 0 ? "" : "0\r\n" + (r.nextBoolean() ? "Trailer: x\r\n" : "") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static <T> T pick(Random r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** A kept-alive TLS connection that reconnects whenever the server closes it. */
    private static final class Connection {
        private final SSLContext tls;
        private final int port;
        private SSLSocket socket;
        private InputStream in;
        int connects;
        int stalls;

        Connection(SSLContext tls, int port) {
            this.tls = tls;
            this.port = port;
        }

        /** The answer, or null when the server waited for more than was sent, or closed without answering. */
        Answer exchange(Request request) throws IOException {
            if (socket == null) {
                connects++;
                Socket plain = new Socket("127.0.0.1", port);
                socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "kvlab.localhost", port, true);
                socket.setSoTimeout(10_000);
                in = new BufferedInputStream(socket.getInputStream());
            }
            try {
                socket.setSoTimeout(request.mayStall() ? 300 : 10_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.bytes());
                out.flush();
                Answer answer = read(request.method());
                if (answer == null || "close".equalsIgnoreCase(answer.headers.get("connection"))
                        || request.mayStall()) {
                    close();
                }
                return answer;
            } catch (SocketTimeoutException e) {
                if (!request.mayStall()) {
                    fail("no answer within 10 s to " + request.describe());
                }
                stalls++;
                close();
                return null;
            } catch (IOException e) {
                close(); // the server closed the connection, e.g. after refusing a body it would not read
                return null;
            }
        }

        private Answer read(String method) throws IOException {
            String status = line();
            if (status == null) {
                return null;
            }
            while (status.startsWith("HTTP/1.1 100")) {
                line();
                status = line();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            String length = headers.get("content-length");
            byte[] body = length == null || method.equals("HEAD") ? new byte[0] : in.readNBytes(Integer.parseInt(length));
            return new Answer(code, headers, new String(body, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c = in.read();
            if (c == -1) {
                return null;
            }
            for (; c != -1 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    line.write(c);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
        }
    }
}
