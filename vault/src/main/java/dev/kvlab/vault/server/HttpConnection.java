package dev.kvlab.vault.server;

import dev.kvlab.vault.VaultResponse;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;

/**
 * One client connection: TLS, then HTTP/1.1 requests one after another (keep-alive) until the client closes, a
 * request goes wrong or a deadline passes. Every phase has a deadline that {@link Deadlines} enforces by closing the
 * socket, so a client that stalls ties up only its own connection, and never for long.
 */
final class HttpConnection implements Runnable {
    /** What answers a request: it may read the body through {@code body}, or answer without reading it. */
    interface Handler {
        VaultResponse handle(RequestHead head, Body body) throws IOException, HttpError;
    }

    private static final Logger LOG = Logger.getLogger(HttpConnection.class.getName());
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    /** An unread body up to this size is skipped to keep the connection; a larger one closes it. */
    static final int SKIPPABLE_BODY_BYTES = 64 * 1024;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket plain;
    private final SSLSocket tls;
    private final Handler handler;
    private final Deadlines deadlines;
    private final Timeouts timeouts;
    private final Runnable onClose;
    private volatile long deadline;

    HttpConnection(Socket plain, SSLSocket tls, Handler handler, Deadlines deadlines, Timeouts timeouts,
                   Runnable onClose) {
        this.plain = plain;
        this.tls = tls;
        this.handler = handler;
        this.deadlines = deadlines;
        this.timeouts = timeouts;
        this.onClose = onClose;
    }

    /** Nanotime after which the connection is closed; {@link Long#MAX_VALUE} while the handler works. */
    long deadline() {
        return deadline;
    }

    private void until(java.time.Duration timeout) {
        deadline = System.nanoTime() + timeout.toNanos();
    }

    /** Closes the TCP socket under the TLS one: that also frees a thread blocked reading or writing it. */
    void abort() {
        try {
            plain.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void run() {
        deadlines.add(this);
        try {
            until(timeouts.head()); // the handshake and the first request's head
            InputStream in = new BufferedInputStream(tls.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(tls.getOutputStream(), 16 * 1024);
            boolean first = true;
            while (true) {
                if (!first) {
                    until(timeouts.idle());
                    in.mark(1);
                    if (in.read() == -1) {
                        return;
                    }
                    in.reset();
                    until(timeouts.head());
                }
                first = false;
                if (!serveOne(in, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, the handshake failed or a deadline passed: nobody left to answer
            LOG.log(Level.FINE, "connection ended", e);
        } finally {
            deadlines.remove(this);
            abort();
            onClose.run();
        }
    }

    /** One request and its answer; whether the connection may carry another. */
    private boolean serveOne(InputStream in, OutputStream out) throws IOException {
        RequestHead head;
        try {
            head = RequestHead.read(in);
        } catch (HttpError e) {
            write(out, Errors.of(e.status(), e.code(), e.getMessage()), "GET", false);
            return false;
        }
        if (head == null) {
            return false;
        }
        Body body = new Body(in, out, head);
        VaultResponse response;
        try {
            deadline = Long.MAX_VALUE; // the handler sets the body's deadline when it reads; injected latency is fine
            response = handler.handle(head, body);
        } catch (HttpError e) {
            response = Errors.of(e.status(), e.code(), e.getMessage());
            body.poisoned = true;
        }
        boolean keep = head.keepAlive() && !body.poisoned && body.skipSmall();
        until(timeouts.body());
        write(out, response, head.method(), keep);
        return keep;
    }

    private static void write(OutputStream out, VaultResponse response, String method, boolean keepAlive)
            throws IOException {
        byte[] body = response.body() == null ? new byte[0] : response.body();
        int status = response.status();
        boolean noBody = status == 204 || status == 304 || "HEAD".equals(method);
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                .append(reason(status)).append("\r\n");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Content-Length") && !header.getKey().equalsIgnoreCase("Connection")) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
        }
        head.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        if (status != 204 && status != 304) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!noBody) {
            out.write(body);
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /** The request body, read only when the handler asks for it (after authentication). */
    final class Body {
        private final InputStream in;
        private final OutputStream out;
        private final RequestHead head;
        private boolean read;
        boolean poisoned;

        private Body(InputStream in, OutputStream out, RequestHead head) {
            this.in = in;
            this.out = out;
            this.head = head;
        }

        /** Whether the next request starts where this one's body ends. */
        boolean finished() {
            return read || !head.hasBody();
        }

        /**
         * Whether the next request starts where this one's body ends, skipping an unread body of a few kilobytes
         * (as the JDK's server does) so a refused small request does not cost the client its connection; a larger
         * or chunked one is never read: the connection closes instead.
         */
        boolean skipSmall() throws IOException {
            if (finished()) {
                return true;
            }
            if (head.chunked() || head.contentLength() > SKIPPABLE_BODY_BYTES || head.header("expect") != null) {
                return false; // a client waiting for 100 Continue would never send it
            }
            until(timeouts.body());
            in.skipNBytes(head.contentLength());
            read = true;
            deadline = Long.MAX_VALUE;
            return true;
        }

        /** The declared length, or -1 for a chunked body. */
        long declaredLength() {
            return head.chunked() ? -1 : head.contentLength();
        }

        /**
         * The whole body, at most {@code limit} bytes, within the body deadline.
         *
         * @throws HttpError 413 when it is larger, 400 when its chunked framing is broken
         */
        byte[] read(int limit) throws IOException, HttpError {
            if (read) {
                throw new IllegalStateException("the body was read already");
            }
            if (!head.hasBody()) {
                read = true;
                return new byte[0];
            }
            if (!head.chunked() && head.contentLength() > limit) {
                poisoned = true;
                throw tooLarge(limit);
            }
            until(timeouts.body());
            if ("100-continue".equalsIgnoreCase(head.header("expect"))) {
                out.write(CONTINUE);
                out.flush();
            }
            try {
                byte[] body = head.chunked() ? chunked(limit) : in.readNBytes((int) head.contentLength());
                if (body.length < head.contentLength()) {
                    throw new EOFException("the client closed the connection mid-body");
                }
                read = true;
                return body;
            } catch (HttpError e) {
                poisoned = true;
                throw e;
            } finally {
                deadline = Long.MAX_VALUE;
            }
        }

        private byte[] chunked(int limit) throws IOException, HttpError {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = RequestHead.line(in, 1024, false);
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
                if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw HttpError.badRequest("The chunked request body is malformed (a bad chunk size).");
                }
                long size = Long.parseLong(hex, 16);
                if (size == 0) {
                    break;
                }
                if (body.size() + size > limit) {
                    throw tooLarge(limit);
                }
                byte[] chunk = in.readNBytes((int) size);
                if (chunk.length < size) {
                    throw new EOFException("the client closed the connection mid-body");
                }
                body.write(chunk);
                if (!RequestHead.line(in, 2, false).isEmpty()) {
                    throw HttpError.badRequest("The chunked request body is malformed (no CRLF after a chunk).");
                }
            }
            int trailers = 0;
            for (String line = RequestHead.line(in, 8 * 1024, false); !line.isEmpty();
                 line = RequestHead.line(in, 8 * 1024, false)) {
                if (++trailers > RequestHead.MAX_HEADERS) {
                    throw HttpError.badRequest("The chunked request body has too many trailers.");
                }
            }
            return body.toByteArray();
        }

        private HttpError tooLarge(int limit) {
            return new HttpError(413, "RequestEntityTooLarge",
                    "The request body is larger than the limit of " + limit + " bytes.");
        }
    }
}
