package dev.kvlab.vault.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.kvlab.vault.Caller;
import dev.kvlab.vault.VaultRequest;
import dev.kvlab.vault.VaultResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The local vault's HTTPS front: JDK {@code HttpsServer} on 127.0.0.1 only. It reads the body (capped), picks the
 * vault from the host name, turns the bearer token into a {@link Caller} and hands a {@link VaultRequest} to the
 * secrets service. Whatever goes wrong in here, the client gets Azure's error envelope, never a stack trace.
 */
public final class VaultServer implements AutoCloseable {
    /** Larger than any valid request: a 25 KB value JSON-escaped, plus 15 tags of 512 + 512 characters. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Restore is the exception: a backup of 500 versions of 25 KB values, base64url-encoded, is about 17 MB. */
    public static final int MAX_RESTORE_BODY_BYTES = 24 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(VaultServer.class.getName());
    /** A host no vault can have (".invalid" is reserved), for the warm-up request. */
    private static final String WARM_UP_HOST = "warm-up.invalid";

    static {
        // The JDK server writes headers and body as separate TLS records; with Nagle's algorithm on, the body then
        // waits for the client's delayed ACK: about 40 ms per request instead of well under one. The JDK reads
        // this once, when its first HTTP server class loads, so it is set before any is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Function<VaultRequest, VaultResponse> secrets;
    private final Function<String, Caller> authenticate;
    private final HostRouting routing;
    /** Other services on host names of their own (see {@link #serveHost}). */
    private final Map<String, HttpHandler> otherHosts = new java.util.concurrent.ConcurrentHashMap<>();

    private VaultServer(HttpsServer server, ExecutorService executor, Function<VaultRequest, VaultResponse> secrets,
                        Function<String, Caller> authenticate, HostRouting routing) {
        this.server = server;
        this.executor = executor;
        this.secrets = secrets;
        this.authenticate = authenticate;
        this.routing = routing;
    }

    /**
     * Starts a JDK HTTP server whose dispatcher thread is a daemon: the JDK makes it inherit the starting thread's
     * daemon flag, and a non-daemon dispatcher would keep a lab program's JVM alive after {@code main} returns
     * when nobody closed the vault.
     */
    public static void startAsDaemon(com.sun.net.httpserver.HttpServer server) {
        RuntimeException[] failure = new RuntimeException[1];
        Thread starter = new Thread(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "kvlab-vault-starter");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local vault", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** Makes sure TCP_NODELAY is set for every JDK HTTP server of this JVM (see the static block). */
    public static void noDelay() {
        // loading this class runs the static block
    }

    /**
     * Starts serving on 127.0.0.1:{@code port} (0 = any free port).
     *
     * @param authenticate who sent a request, from its {@code Authorization} header (null when it has none)
     * @param isVault     which vault names exist (the host {@code <name>.localhost} addresses vault {@code name})
     * @param defaultVault the vault {@code localhost} and {@code 127.0.0.1} address
     * @throws PortInUseException when the port is taken
     */
    public static VaultServer start(int port, SSLContext tls, Function<String, Caller> authenticate,
                                    Predicate<String> isVault, String defaultVault,
                                    Function<VaultRequest, VaultResponse> secrets) {
        InetSocketAddress address = new InetSocketAddress(Loopback.IPV4, port);
        HttpsServer server;
        try {
            server = HttpsServer.create(address, 256);
        } catch (BindException e) {
            throw new PortInUseException(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the vault's HTTPS server: " + e.getMessage(), e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                ssl.setNeedClientAuth(false);
                parameters.setSSLParameters(ssl);
            }
        });
        // Requests are short and CPU-bound; a few threads per core keep both cores busy while one waits on I/O.
        int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "kvlab-vault-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        VaultServer vault = new VaultServer(server, executor, secrets, authenticate,
                new HostRouting(isVault, defaultVault));
        server.createContext("/", vault::serve);
        server.setExecutor(executor);
        startAsDaemon(server);
        return vault;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Sends this server one request from a background thread, so the JDK's TLS and HTTP server classes are loaded
     * while the caller builds its own client; the first real request then costs less.
     * The request names a host no vault has, so the server answers it itself (404): nothing reaches the secrets
     * service or its audit log.
     */
    public void warmUp(Supplier<SSLContext> clientTls, String serverName) {
        Thread thread = new Thread(() -> {
            try (Socket plain = new Socket(Loopback.IPV4, port());
                 SSLSocket socket = (SSLSocket) clientTls.get().getSocketFactory()
                         .createSocket(plain, serverName, port(), true)) {
                socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + WARM_UP_HOST
                        + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                socket.getInputStream().readAllBytes();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "warm-up failed (harmless)", e);
            }
        }, "kvlab-vault-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands every request whose {@code Host} is {@code hostName} (any port) to {@code handler}, which answers it
     * itself: how another service shares this front, its certificate and port (see {@code dev.kvlab.vault.Companion}).
     */
    public void serveHost(String hostName, HttpHandler handler) {
        otherHosts.put(hostName.toLowerCase(Locale.ROOT), handler);
    }

    private void serve(HttpExchange exchange) {
        HttpHandler other = otherHosts.isEmpty() ? null
                : otherHosts.get(HostRouting.hostName(exchange.getRequestHeaders().getFirst("Host")));
        if (other != null) {
            try {
                other.handle(exchange);
            } catch (RuntimeException | IOException | Error e) {
                LOG.warning("local vault: a request to another host failed (" + e + ")");
                LOG.log(Level.FINE, "the failure", e);
                write(exchange, Errors.of(500, "InternalError", "The local service could not handle this request."));
            }
            return;
        }
        VaultResponse response;
        try {
            response = answer(exchange);
        } catch (RuntimeException | IOException | Error e) {
            // one line for everyone; the stack trace only when asked for (./jbang vault --verbose)
            LOG.warning("local vault: a request failed inside the vault (" + e + ")");
            LOG.log(Level.FINE, "the failure", e);
            response = Errors.of(500, "InternalError", "The local vault could not handle this request.");
        }
        write(exchange, response);
    }

    private VaultResponse answer(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        HostRouting.Route route = routing.route(host);
        if (route == null) {
            return Errors.of(404, "VaultNotFound", "No local vault is served at host " + Errors.safe(host)
                    + ". Use https://<vault>.localhost:" + port() + " for a configured vault.");
        }
        int limit = "/secrets/restore".equals(exchange.getRequestURI().getPath()) ? MAX_RESTORE_BODY_BYTES : MAX_BODY_BYTES;
        byte[] body = readBody(exchange, limit);
        if (body == null) {
            exchange.getResponseHeaders().set("Connection", "close");
            return Errors.of(413, "RequestEntityTooLarge",
                    "The request body is larger than the limit of " + limit + " bytes.");
        }
        Caller caller = authenticate.apply(exchange.getRequestHeaders().getFirst("Authorization"));
        String baseUrl = "https://" + route.hostHeader();
        VaultRequest request = new VaultRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), route.vault(),
                baseUrl, exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), body, caller);
        VaultResponse response = secrets.apply(request);
        return response != null ? response
                : Errors.of(500, "InternalError", "The local vault gave no answer to this request.");
    }

    /** The body, or null when it is larger than {@code limit}. */
    private static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    private static void write(HttpExchange exchange, VaultResponse response) {
        try (exchange) {
            byte[] body = response.body() == null ? new byte[0] : response.body();
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(header.getKey(), header.getValue());
            }
            boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304
                    || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to tell it
            LOG.log(Level.FINE, "client closed the connection", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
