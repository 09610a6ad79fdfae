package dev.kvlab.vault.server;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * One request to a {@link HostHandler}: its head as the front parsed it, and its body, read only when the handler
 * asks for it, within the front's body deadline and a limit the handler names.
 */
public final class HostRequest {
    private final RequestHead head;
    private final HttpConnection.Body body;

    HostRequest(RequestHead head, HttpConnection.Body body) {
        this.head = head;
        this.body = body;
    }

    /** Upper case, e.g. {@code GET}. */
    public String method() {
        return head.method().toUpperCase(Locale.ROOT);
    }

    /** The path as sent, still percent-encoded (what an HMAC signature covers); {@code /} at least. */
    public String rawPath() {
        return head.rawPath();
    }

    /** The query as sent, or null when there is none. */
    public String rawQuery() {
        return head.rawQuery();
    }

    /** A header by name, any case; null when absent (a repeated header gives its first value). */
    public String header(String name) {
        return head.header(name.toLowerCase(Locale.ROOT));
    }

    /** Every header, names in lower case. */
    public Map<String, String> headers() {
        return head.headers();
    }

    /** Whether the request carries a body (by Content-Length or chunked), before reading it. */
    public boolean hasBody() {
        return head.hasBody();
    }

    /**
     * The whole body (empty when there is none), read once. A body the handler never reads is skipped when small,
     * otherwise the connection closes after the answer.
     *
     * @param limit the largest body accepted, in bytes
     * @throws BodyRefused  when it is larger than {@code limit} (413) or its chunked framing is broken (400): answer
     *                      with that status; the connection closes after the answer
     * @throws IOException  when the client goes away or misses the body deadline
     */
    public byte[] body(int limit) throws IOException, BodyRefused {
        try {
            return body.read(limit);
        } catch (HttpError e) {
            throw new BodyRefused(e.status(), e.getMessage());
        }
    }

    /** A body the front refuses to read on: {@link #status()} is 413 or 400, the message one sentence for the client. */
    public static final class BodyRefused extends Exception {
        private final int status;

        BodyRefused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
