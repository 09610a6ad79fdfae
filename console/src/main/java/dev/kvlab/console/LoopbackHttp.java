package dev.kvlab.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's HTTP/1.1 on 127.0.0.1: one request per connection, a thread per connection, and a deadline for
 * reading each request. The JDK's {@code HttpServer} reads request headers on its worker threads with no deadline of
 * its own (its {@code sun.net.httpserver.*} limits are JVM-wide and differ between Java 17 and 25), so one client
 * that sends half a request and waits could stop the console; here it holds up only its own thread, and only until
 * its deadline.
 */
final class LoopbackHttp implements AutoCloseable {
    /** Open connections at once; more are closed as they arrive. */
    static final int MAX_CONNECTIONS = 256;
    static final int MAX_HEAD_BYTES = 16 * 1024;
    static final int MAX_HEADERS = 100;
    /** A console form post is a few dozen bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** How long a client may take to send a whole request (head and body). */
    static final Duration READ_DEADLINE = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(LoopbackHttp.class.getName());

    /** One request as the handler sees it: header names in lower case. */
    record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One response: status, extra headers, body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        static Response of(int status, String type, String body) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", type);
            return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
        }

        Response with(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Response(status, more, body);
        }
    }

    private final ServerSocket listener;
    private final Function<Request, Response> handler;
    private final Duration readDeadline;
    private final ThreadPoolExecutor connections;
    private final AtomicInteger open = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private LoopbackHttp(ServerSocket listener, Function<Request, Response> handler, Duration readDeadline) {
        this.listener = listener;
        this.handler = handler;
        this.readDeadline = readDeadline;
        AtomicInteger count = new AtomicInteger();
        // No queue: a connection gets a thread at once or is closed, so none waits behind a stalled one.
        this.connections = new ThreadPoolExecutor(2, MAX_CONNECTIONS + 1, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "console-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "console-accept");
        acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1:{@code port} (0 = any free port); the bind's {@link IOException} is the caller's to word. */
    static LoopbackHttp bind(int port, Duration readDeadline, Function<Request, Response> handler) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return new LoopbackHttp(listener, handler, readDeadline);
    }

    void start() {
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.FINE, "accept failed", e);
                    pause();   // e.g. out of file descriptors: do not spin
                }
                continue;
            }
            if (open.incrementAndGet() > MAX_CONNECTIONS) {
                open.decrementAndGet();
                closeQuietly(socket);
                continue;
            }
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                open.decrementAndGet();
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            Response response;
            try {
                Request request = read(socket, System.nanoTime() + readDeadline.toNanos());
                response = handler.apply(request);
            } catch (BadRequest e) {
                response = Response.of(e.status, "text/plain; charset=utf-8", e.getMessage());
            } catch (SocketTimeoutException e) {
                response = Response.of(408, "text/plain; charset=utf-8",
                        "The request did not arrive within " + readDeadline.toSeconds() + " s.");
            }
            write(socket.getOutputStream(), response);
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection ended", e);   // the client went away: nothing to answer
        } finally {
            open.decrementAndGet();
        }
    }

    /** Reads one request, each read bounded by what is left of the deadline, so a trickle cannot stretch it. */
    private static Request read(Socket socket, long deadline) throws IOException {
        InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
        byte[] head = readHead(socket, in, deadline);
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] start = lines[0].split(" ");
        if (start.length != 3 || !start[2].startsWith("HTTP/1.")) {
            throw new BadRequest(400, "Not an HTTP/1.1 request.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || headers.size() >= MAX_HEADERS) {
                throw new BadRequest(400, "Malformed or too many request headers.");
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            // a repeated Host, Origin or length is refused rather than guessed at
            if (headers.putIfAbsent(name, value) != null
                    && (name.equals("host") || name.equals("origin") || name.equals("content-length"))) {
                throw new BadRequest(400, "Repeated " + name + " header.");
            }
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new BadRequest(411, "Send the form with a Content-Length.");
        }
        int length = 0;
        if (headers.containsKey("content-length")) {
            try {
                length = Integer.parseInt(headers.get("content-length"));
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "Bad Content-Length.");
            }
            if (length < 0) {
                throw new BadRequest(400, "Bad Content-Length.");
            }
            if (length > MAX_BODY_BYTES) {
                throw new BadRequest(413, "The console's forms are small; this body is too large.");
            }
        }
        byte[] body = new byte[length];
        for (int read = 0; read < length; ) {
            socket.setSoTimeout(remaining(deadline));
            int n = in.read(body, read, length - read);
            if (n < 0) {
                throw new BadRequest(400, "The body ended early.");
            }
            read += n;
        }
        String target = start[1];
        if (!target.startsWith("/")) {
            throw new BadRequest(400, "The request target must be a path.");
        }
        int q = target.indexOf('?');
        return new Request(start[0], q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                headers, body);
    }

    private static byte[] readHead(Socket socket, InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;   // how much of CRLF CRLF the last bytes were
        while (matched < 4) {
            socket.setSoTimeout(remaining(deadline));
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the request's head ended");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new BadRequest(431, "Request headers too large.");
            }
        }
        return head.toByteArray();
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (ms <= 0) {
            throw new SocketTimeoutException("read deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private static void write(OutputStream out, Response response) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n");
        response.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 303 -> "See Other";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 421 -> "Misdirected Request";
            case 431 -> "Request Header Fields Too Large";
            default -> "Status";
        };
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to tell anyone
        }
    }

    /** A request the console refuses before its handler sees it. */
    private static final class BadRequest extends IOException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
