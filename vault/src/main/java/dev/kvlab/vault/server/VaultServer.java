package dev.kvlab.vault.server;

import dev.kvlab.vault.Caller;
import dev.kvlab.vault.VaultRequest;
import dev.kvlab.vault.VaultResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The local vault's HTTPS front on 127.0.0.1 only: TLS and HTTP/1.1 of its own ({@link HttpConnection}), so it
 * decides what the JDK's {@code HttpsServer} would not let it: a deadline for every phase of a connection, a thread
 * per connection (a stalled client holds up only itself), the caller authenticated before the body is read, and
 * Azure's JSON error envelope for every malformed request. It picks the vault from the host name, turns the bearer
 * token into a {@link Caller} and hands a {@link VaultRequest} to the secrets service.
 */
public final class VaultServer implements AutoCloseable {
    /** Larger than any valid request: a 25 KB value JSON-escaped, plus 15 tags of 512 + 512 characters. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Restore is the exception: a backup of 500 versions of 25 KB values, base64url-encoded, is about 17 MB. */
    public static final int MAX_RESTORE_BODY_BYTES = 24 * 1024 * 1024;
    /** Open connections at once; more are closed as they arrive. Each costs one mostly idle thread. */
    public static final int MAX_CONNECTIONS = 2048;
    private static final Logger LOG = Logger.getLogger(VaultServer.class.getName());
    /** A host no vault can have (".invalid" is reserved), for the warm-up request. */
    private static final String WARM_UP_HOST = "warm-up.invalid";

    static {
        // The managed-identity endpoint is a JDK HTTP server: without TCP_NODELAY its response bodies wait ~40 ms for
        // the client's delayed ACK. The JDK reads this once, when its first HTTP server class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ServerSocket listener;
    private final SSLSocketFactory tls;
    private final ThreadPoolExecutor executor;
    private final Deadlines deadlines;
    private final Timeouts timeouts;
    private final AtomicInteger open = new AtomicInteger();
    private final Function<VaultRequest, VaultResponse> secrets;
    private final Function<String, Caller> authenticate;
    private final HostRouting routing;
    private final Thread acceptor = new Thread(this::accept, "kvlab-vault-acceptor");
    private volatile boolean closed;
    /** Other services on host names of their own (see {@link #serveHost}). */
    private final Map<String, HostHandler> otherHosts = new ConcurrentHashMap<>();

    private VaultServer(ServerSocket listener, SSLContext tls, Timeouts timeouts,
                        Function<VaultRequest, VaultResponse> secrets, Function<String, Caller> authenticate,
                        HostRouting routing) {
        this.listener = listener;
        this.tls = tls.getSocketFactory();
        this.timeouts = timeouts;
        this.secrets = secrets;
        this.authenticate = authenticate;
        this.routing = routing;
        AtomicInteger count = new AtomicInteger();
        // A few threads stay for the usual keep-alive connections; more come and go with the connections.
        int core = Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
        this.executor = new ThreadPoolExecutor(core, MAX_CONNECTIONS + 1, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "kvlab-vault-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.deadlines = new Deadlines(timeouts.shortest(), "kvlab-vault-deadlines");
        acceptor.setDaemon(true);
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
     * Starts serving on 127.0.0.1:{@code port} (0 = any free port) with the {@link Timeouts#DEFAULT default
     * timeouts}.
     *
     * @param authenticate who sent a request, from its {@code Authorization} header (null when it has none)
     * @param isVault     which vault names exist (the host {@code <name>.localhost} addresses vault {@code name})
     * @param defaultVault the vault {@code localhost} and {@code 127.0.0.1} address
     * @throws PortInUseException when the port is taken
     */
    public static VaultServer start(int port, SSLContext tls, Function<String, Caller> authenticate,
                                    Predicate<String> isVault, String defaultVault,
                                    Function<VaultRequest, VaultResponse> secrets) {
        return start(port, tls, Timeouts.DEFAULT, authenticate, isVault, defaultVault, secrets);
    }

    /** As {@link #start(int, SSLContext, Function, Predicate, String, Function)}, with other timeouts. */
    public static VaultServer start(int port, SSLContext tls, Timeouts timeouts, Function<String, Caller> authenticate,
                                    Predicate<String> isVault, String defaultVault,
                                    Function<VaultRequest, VaultResponse> secrets) {
        ServerSocket listener;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(Loopback.IPV4, port), 512);
        } catch (BindException e) {
            throw new PortInUseException(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the vault's HTTPS server: " + e.getMessage(), e);
        }
        VaultServer server = new VaultServer(listener, tls, timeouts, secrets, authenticate,
                new HostRouting(isVault, defaultVault));
        server.acceptor.start();
        return server;
    }

    private void accept() {
        while (!closed) {
            Socket plain;
            try {
                plain = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.FINE, "accept failed", e);
                }
                continue;
            }
            if (open.incrementAndGet() > MAX_CONNECTIONS) {
                open.decrementAndGet();
                closeQuietly(plain);
                continue;
            }
            try {
                plain.setTcpNoDelay(true); // headers and body go out in one write, but small answers must not wait
                SSLSocket socket = (SSLSocket) tls.createSocket(plain, null, plain.getPort(), true);
                socket.setUseClientMode(false);
                executor.execute(new HttpConnection(plain, socket, this::handle, deadlines, timeouts,
                        open::decrementAndGet));
            } catch (IOException | RuntimeException e) {
                open.decrementAndGet();
                closeQuietly(plain);
                LOG.log(Level.FINE, "could not take a connection", e);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Connections open right now (for tests of slow clients). */
    public int openConnections() {
        return open.get();
    }

    public int port() {
        return listener.getLocalPort();
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
     * Hands every request whose {@code Host} is {@code hostName} (any port) to {@code handler}: how another service
     * (see {@code dev.kvlab.vault.Companion}) shares this front, its certificate, port, deadlines and limits on the
     * request head, and Azure's envelope for malformed HTTP.
     */
    public void serveHost(String hostName, HostHandler handler) {
        otherHosts.put(hostName.toLowerCase(Locale.ROOT), Objects.requireNonNull(handler, "handler"));
    }

    /** A request to another service's host: its handler answers, reading the body only if and when it wants. */
    private VaultResponse handleOther(HostHandler other, RequestHead head, HttpConnection.Body body)
            throws IOException {
        try {
            HostResponse response = other.handle(new HostRequest(head, body));
            if (response == null) {
                return Errors.of(500, "InternalError", "The local service gave no answer to this request.");
            }
            return new VaultResponse(response.status(), response.headers(), response.body());
        } catch (RuntimeException | Error e) {
            LOG.warning("local vault: a request to another host failed (" + e + ")");
            LOG.log(Level.FINE, "the failure", e);
            return Errors.of(500, "InternalError", "The local service could not handle this request.");
        }
    }

    /**
     * One request: the host picks the vault and the token the caller before any of the body is read, so an
     * unauthenticated client gets its 401 (and the connection closes) without sending the vault megabytes.
     */
    private VaultResponse handle(RequestHead head, HttpConnection.Body body) throws IOException, HttpError {
        HostHandler other = otherHosts.isEmpty() ? null : otherHosts.get(HostRouting.hostName(head.header("host")));
        if (other != null) {
            return handleOther(other, head, body);
        }
        HostRouting.Route route = routing.route(head.header("host"));
        if (route == null) {
            return Errors.of(404, "VaultNotFound", "No local vault is served at host " + Errors.safe(head.header("host"))
                    + ". Use https://<vault>.localhost:" + port() + " for a configured vault.");
        }
        try {
            Caller caller = authenticate.apply(head.header("authorization"));
            byte[] bytes = new byte[0];
            if (caller instanceof Caller.Authenticated) {
                bytes = body.read("/secrets/restore".equals(head.path()) ? MAX_RESTORE_BODY_BYTES : MAX_BODY_BYTES);
            }
            VaultRequest request = new VaultRequest(head.method().toUpperCase(Locale.ROOT), route.vault(),
                    "https://" + route.hostHeader(), head.path(), head.rawQuery(), bytes, caller);
            VaultResponse response = secrets.apply(request);
            return response != null ? response
                    : Errors.of(500, "InternalError", "The local vault gave no answer to this request.");
        } catch (RuntimeException | Error e) {
            // one line for everyone; the stack trace only when asked for (./jbang vault --verbose)
            LOG.warning("local vault: a request failed inside the vault (" + e + ")");
            LOG.log(Level.FINE, "the failure", e);
            return Errors.of(500, "InternalError", "The local vault could not handle this request.");
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            acceptor.join(2000); // the port is free only once the blocked accept has returned
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadlines.close();
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
