package dev.kvlab.vault.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The request line and headers of one HTTP/1.1 request, read with limits: anything a client could send that is not
 * HTTP/1.x becomes an {@link HttpError} (a 4xx in Azure's envelope), never a crash or a 5xx.
 *
 * @param path    the decoded path (what the vault routes on)
 * @param rawPath the path as sent, still percent-encoded (what a signature such as App Configuration's HMAC covers)
 * @param headers lower-cased names; a repeated header keeps its first value (Content-Length must agree)
 */
record RequestHead(String method, String path, String rawPath, String rawQuery, boolean http11,
                   Map<String, String> headers, long contentLength, boolean chunked) {
    /** Longer request lines (a URL with a huge query) get 414; Azure's front refuses them too. */
    static final int MAX_LINE = 16 * 1024;
    /** All header lines together; more gets 431. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_HEADERS = 100;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    String header(String name) {
        return headers.get(name);
    }

    /** Whether the client asked to keep the connection for another request. */
    boolean keepAlive() {
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        return http11 ? !connection.contains("close") : connection.contains("keep-alive");
    }

    boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /**
     * Reads one request head.
     *
     * @return null when the client closed the connection before sending anything (the end of a keep-alive)
     */
    static RequestHead read(InputStream in) throws IOException, HttpError {
        String requestLine = line(in, MAX_LINE, true);
        if (requestLine == null) {
            return null;
        }
        for (int empty = 0; requestLine.isEmpty(); empty++) { // RFC 9112 2.2: skip a stray CRLF or two
            if (empty == 4) {
                throw HttpError.badRequest("The request line is missing.");
            }
            requestLine = line(in, MAX_LINE, false);
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches()) {
            throw HttpError.badRequest("The request line is not valid HTTP/1.1.");
        }
        boolean http11;
        if (parts[2].equals("HTTP/1.1")) {
            http11 = true;
        } else if (parts[2].equals("HTTP/1.0")) {
            http11 = false;
        } else {
            throw HttpError.badRequest("Only HTTP/1.0 and HTTP/1.1 are served here.");
        }
        URI target = target(parts[1]);
        String path = target.getPath() == null || target.getPath().isEmpty() ? "/" : target.getPath();
        String rawPath = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        long contentLength = 0;
        boolean sawLength = false;
        for (String line = line(in, MAX_HEADER_BYTES, false); !line.isEmpty(); line = line(in, MAX_HEADER_BYTES, false)) {
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES || headers.size() >= MAX_HEADERS) {
                throw new HttpError(431, "RequestHeaderFieldsTooLarge", "The request headers are too large.");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                // also catches obsolete line folding (a line starting with white space)
                throw HttpError.badRequest("A request header line is not valid HTTP/1.1.");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                long length = contentLength(value);
                if (sawLength && length != contentLength) {
                    throw HttpError.badRequest("The request has conflicting Content-Length headers.");
                }
                sawLength = true;
                contentLength = length;
            }
            headers.putIfAbsent(name, value);
        }
        boolean chunked = false;
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null) {
            if (!transferEncoding.equalsIgnoreCase("chunked")) {
                throw HttpError.badRequest("Transfer-Encoding " + Errors.safe(transferEncoding)
                        + " is not supported; send the body with Content-Length or chunked.");
            }
            if (sawLength) { // the classic request-smuggling shape: refuse rather than guess
                throw HttpError.badRequest("The request has both Content-Length and Transfer-Encoding.");
            }
            chunked = true;
        }
        if (http11 && !headers.containsKey("host")) {
            throw HttpError.badRequest("An HTTP/1.1 request must carry a Host header.");
        }
        return new RequestHead(parts[0], path, rawPath, target.getRawQuery(), http11, headers, contentLength, chunked);
    }

    private static URI target(String text) throws HttpError {
        try {
            URI uri = new URI(text);
            boolean origin = text.startsWith("/");
            boolean absolute = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if ((!origin && !absolute) || uri.getRawFragment() != null) {
                throw HttpError.badRequest("The request URI is not valid.");
            }
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw HttpError.badRequest("The request URI is not valid.");
        }
    }

    private static long contentLength(String value) throws HttpError {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw HttpError.badRequest("The Content-Length header is not a number of bytes.");
        }
        return Long.parseLong(value);
    }

    /**
     * One line without its CRLF (a bare LF ends a line too), as ISO-8859-1.
     *
     * @param endOk whether the stream may end before the line starts (then null)
     */
    static String line(InputStream in, int max, boolean endOk) throws IOException, HttpError {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int c = in.read();
        if (c == -1) {
            if (endOk) {
                return null;
            }
            throw new EOFException("the client closed the connection mid-request");
        }
        while (c != '\n') {
            if (c == -1) {
                throw new EOFException("the client closed the connection mid-request");
            }
            if (line.size() >= max) {
                throw max == MAX_LINE ? new HttpError(414, "RequestUriTooLong", "The request URI is too long.")
                        : max == MAX_HEADER_BYTES
                        ? new HttpError(431, "RequestHeaderFieldsTooLarge", "The request headers are too large.")
                        : HttpError.badRequest("A line of the request is longer than HTTP allows here.");
            }
            if (c == 0) {
                throw HttpError.badRequest("The request contains a NUL byte.");
            }
            line.write(c);
            c = in.read();
        }
        int length = line.size();
        byte[] bytes = line.toByteArray();
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
