package dev.kvlab.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kvlab.runtime.LabException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's HTTP side on loopback: {@code GET /} shows the page, {@code POST /run/<exercise>} and
 * {@code POST /check/<exercise>} do an action and redirect to the page showing its result (post/redirect/get, so
 * reloading never repeats an action such as creating a version).
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConsoleServer.class.getName());
    private static final int KEPT_RESULTS = 50;

    private final HttpServer http;
    private final ExecutorService worker;
    private final ConsoleActions actions;
    private final Page page = new Page();
    private final Map<Integer, Object> results = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Object> eldest) {
            return size() > KEPT_RESULTS;
        }
    };
    private int lastResult;

    private ConsoleServer(HttpServer http, ConsoleActions actions) {
        this.http = http;
        this.actions = actions;
        // One worker: actions share one vault and one learner class, and one person clicks at a time.
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "console");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(worker);
        http.createContext("/", this::handle);
    }

    /** Starts serving on 127.0.0.1:{@code port} (0 = any free port). A port in use is a one-line {@code LabException}. */
    static ConsoleServer start(int port, ConsoleActions actions) {
        return start(port, () -> actions);
    }

    /** As {@link #start(int, ConsoleActions)}, making the actions (and so the vault) only once the port is ours. */
    static ConsoleServer start(int port, java.util.function.Supplier<? extends ConsoleActions> actions) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException e) {
            throw new LabException("port " + port + " is already in use. Stop the program using it or pick another: ./jbang console --port " + (port + 1));
        } catch (IOException e) {
            throw new LabException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "). Pick another port with --port.");
        }
        ConsoleServer server;
        try {
            server = new ConsoleServer(http, actions.get());
        } catch (RuntimeException e) {
            http.stop(0);
            throw e;
        }
        http.start();
        return server;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        http.stop(0);
        worker.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            drain(exchange.getRequestBody());
            if (path.equals("/") && method.equals("GET")) {
                showPage(exchange);
            } else if (path.equals("/console.css") || path.equals("/console.js")) {
                asset(exchange, path.substring(1));
            } else if (method.equals("POST") && (path.startsWith("/run/") || path.startsWith("/check/"))) {
                act(exchange, path);
            } else if (path.equals("/favicon.ico")) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                send(exchange, 404, "text/plain", "Not found. The console is at /");
            }
        } catch (RuntimeException e) {
            // Never a blank page: say what happened in one line; details go to the log.
            LOG.log(Level.WARNING, "request failed", e);
            send(exchange, 500, "text/plain", "The console failed: " + e + ". See the terminal where ./jbang console runs.");
        }
    }

    private void act(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/");
        Optional<Exercise> exercise = parts.length == 3 ? Exercise.byId(parts[2]) : Optional.empty();
        if (exercise.isEmpty()) {
            send(exchange, 404, "text/plain", "No such exercise. Choose one of: " + Exercise.ids());
            return;
        }
        Object result = parts[1].equals("run") ? actions.run(exercise.get()) : actions.check(exercise.get());
        int id;
        synchronized (results) {
            id = ++lastResult;
            results.put(id, result);
        }
        exchange.getResponseHeaders().set("Location", "/?result=" + id + "#results");
        exchange.sendResponseHeaders(303, -1);
    }

    private void showPage(HttpExchange exchange) throws IOException {
        Object result = null;
        String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
        if (query.matches("result=\\d{1,9}")) {
            synchronized (results) {
                result = results.get(Integer.parseInt(query.substring("result=".length())));
            }
        }
        List<Page.Button> buttons = Arrays.stream(Exercise.values())
                .map(e -> new Page.Button(e.id(), e.action(), actions.file(e)))
                .toList();
        String html = page.render(new Page.Model(actions.vault(), actions.sources(), buttons,
                result instanceof Outcome o ? o : null, result instanceof CheckView c ? c : null));
        send(exchange, 200, "text/html; charset=utf-8", html);
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
            if (in == null) {
                send(exchange, 404, "text/plain", "Not found");
                return;
            }
            String type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            send(exchange, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        // The page loads only its own script and styles.
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void drain(InputStream body) throws IOException {
        body.readAllBytes();
    }
}
