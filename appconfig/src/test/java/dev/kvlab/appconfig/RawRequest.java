package dev.kvlab.appconfig;

import dev.kvlab.vault.tls.ServerCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Hand-made HTTPS requests to a local store, for what the SDK never sends: unknown api-versions, forged or missing
 * signatures, stale dates. Signs like the SDK ({@link #signed}) so one header at a time can be broken.
 */
final class RawRequest {
    private final LocalAppConfig config;
    private final String method;
    private final String pathAndQuery;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private long declaredLength = -1;

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawRequest(LocalAppConfig config, String method, String pathAndQuery) {
        this.config = config;
        this.method = method;
        this.pathAndQuery = pathAndQuery;
        headers.put("Host", AppConfigService.HOST_NAME + ".localhost");
    }

    static RawRequest to(LocalAppConfig config, String method, String pathAndQuery) {
        return new RawRequest(config, method, pathAndQuery);
    }

    RawRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    RawRequest body(String json) {
        body = json.getBytes(StandardCharsets.UTF_8);
        headers.put("Content-Type", "application/json");
        return this;
    }

    /**
     * Announces a body of {@code length} bytes but sends none: the store must refuse it from the header alone (a body
     * actually sent would still be arriving when the server closes, and the client would see a reset, not the 413).
     */
    RawRequest declaredLength(long length) {
        declaredLength = length;
        return this;
    }

    /** Signs with the connection string's key as the SDK does, dated {@code date}. */
    RawRequest signed(String connectionString, Instant date) {
        String id = part(connectionString, "Id=");
        byte[] secret = Base64.getDecoder().decode(part(connectionString, "Secret="));
        String dateText = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(date);
        String hash = HmacAuthentication.contentHash(body);
        headers.put("x-ms-date", dateText);
        headers.put("x-ms-content-sha256", hash);
        String toSign = method + "\n" + pathAndQuery + "\n" + dateText + ";" + headers.get("Host") + ";" + hash;
        String signature = Base64.getEncoder().encodeToString(HmacAuthentication.hmac(secret, toSign));
        headers.put("Authorization", "HMAC-SHA256 Credential=" + id
                + "&SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature);
        return this;
    }

    RawRequest signed() {
        return signed(config.connectionString(), config.clock().now());
    }

    private static String part(String connectionString, String name) {
        for (String part : connectionString.split(";")) {
            if (part.startsWith(name)) {
                return part.substring(name.length());
            }
        }
        throw new IllegalArgumentException(name);
    }

    Response send() throws IOException {
        try {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(config.caCertificatePem().getBytes(StandardCharsets.US_ASCII)));
            int port = config.endpoint().getPort();
            try (Socket plain = new Socket("127.0.0.1", port);
                 SSLSocket socket = (SSLSocket) ServerCertificate.clientContextTrusting(ca).getSocketFactory()
                         .createSocket(plain, AppConfigService.HOST_NAME + ".localhost", port, true)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(java.util.List.of(new SNIHostName(AppConfigService.HOST_NAME + ".localhost")));
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                StringBuilder head = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n");
                headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
                head.append("Content-Length: ").append(declaredLength >= 0 ? declaredLength : body.length).append("\r\nConnection: close\r\n\r\n");
                socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (declaredLength < 0) {
                    socket.getOutputStream().write(body);
                }
                socket.getOutputStream().flush();
                socket.setSoTimeout(60_000);
                return parse(new String(readResponse(socket.getInputStream(), method.equals("HEAD")), StandardCharsets.UTF_8));
            }
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Head and body by Content-Length (not to end of stream: a server draining an unsent body keeps it open). */
    private static byte[] readResponse(java.io.InputStream in, boolean head) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            String text = out.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                if (head) {
                    return out.toByteArray();
                }
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                        .matcher(text);
                if (length.find()) {
                    out.write(in.readNBytes(Integer.parseInt(length.group(1))));
                    return out.toByteArray();
                }
                out.write(in.readAllBytes()); // chunked or no length: to the end of the stream
                return out.toByteArray();
            }
        }
        return out.toByteArray();
    }

    private static Response parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    break;
                }
                joined.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            body = joined.toString();
        }
        return new Response(status, headers, body);
    }
}
