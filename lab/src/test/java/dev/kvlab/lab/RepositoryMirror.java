package dev.kvlab.lab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Maven repository on loopback: serves the files of a local Maven repository over HTTP, read-only, so a test can
 * start from an empty repository and still never leave the machine. The lab's own artifacts are left out: a launcher
 * under test must build and install them itself.
 */
final class RepositoryMirror implements AutoCloseable {
    private final Path root;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicInteger served = new AtomicInteger();

    private RepositoryMirror(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** Serves {@code repository} on an ephemeral loopback port. */
    static RepositoryMirror of(Path repository) {
        try {
            return new RepositoryMirror(repository);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local repository the build itself uses (where its own dependencies, and so the lab's, were resolved). */
    static Path buildRepository() {
        String local = System.getProperty("kvlab.m2.repository");
        return local != null && !local.isBlank() ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many files were sent. */
    int served() {
        return served.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (!(head || exchange.getRequestMethod().equals("GET")) || !file.startsWith(root)
                    || file.startsWith(root.resolve("dev/kvlab")) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long size = Files.size(file);
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
            served.incrementAndGet();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
