package dev.kvlab.console;

import dev.kvlab.console.LoopbackHttp.Request;
import dev.kvlab.console.LoopbackHttp.Response;
import dev.kvlab.runtime.LabException;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's HTTP side on loopback: {@code GET /} is the course's home page (the exercises by module, with the
 * learner's progress; one exercise's instructions beside its actions), {@code POST /run/<exercise>} and
 * {@code POST /check/<exercise>} do an action and redirect to the page showing its result (post/redirect/get, so
 * reloading never repeats an action such as creating a version), {@code GET /docs/<page>.md} shows another page of
 * the lab's docs. Only the console's own page may drive it ({@link CrossSiteGuard}).
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConsoleServer.class.getName());
    private static final int KEPT_RESULTS = 50;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    private final LoopbackHttp http;
    private final CrossSiteGuard guard;
    private final ConsoleActions actions;
    private final Instructions instructions;
    private final Page page = new Page();
    /** Actions share one vault and one learner class: one runs at a time, while pages are still served. */
    private final Object actionLock = new Object();
    private final Map<Integer, Result> results = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Result> eldest) {
            return size() > KEPT_RESULTS;
        }
    };
    private int lastResult;

    /** What an action left for the page: which exercise, and its outcome or check report. */
    private record Result(Exercise exercise, Object value) {}

    private ConsoleServer(LoopbackHttp http, CrossSiteGuard guard, ConsoleActions actions) {
        this.http = http;
        this.guard = guard;
        this.actions = actions;
        this.instructions = new Instructions(actions.docs());
    }

    /** Starts serving on 127.0.0.1:{@code port} (0 = any free port). A port in use is a one-line {@code LabException}. */
    static ConsoleServer start(int port, ConsoleActions actions) {
        return start(port, () -> actions);
    }

    /** As {@link #start(int, ConsoleActions)}, making the actions (and so the vault) only once the port is ours. */
    static ConsoleServer start(int port, Supplier<? extends ConsoleActions> actions) {
        return start(port, LoopbackHttp.READ_DEADLINE, actions);
    }

    /** As {@link #start(int, Supplier)}, with another deadline for a client to send its request. */
    static ConsoleServer start(int port, Duration readDeadline, Supplier<? extends ConsoleActions> actions) {
        ConsoleServer[] server = new ConsoleServer[1];
        LoopbackHttp http;
        try {
            http = LoopbackHttp.bind(port, readDeadline, request -> server[0].handle(request));
        } catch (BindException e) {
            throw new LabException("port " + port + " is already in use. Stop the program using it or pick another: ./jbang console --port " + (port + 1));
        } catch (IOException e) {
            throw new LabException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + "). Pick another port with --port.");
        }
        try {
            server[0] = new ConsoleServer(http, new CrossSiteGuard(http.port()), actions.get());
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        http.start();
        return server[0];
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + http.port() + "/");
    }

    @Override
    public void close() {
        http.close();
    }

    private Response handle(Request request) {
        Response response;
        try {
            response = route(request);
        } catch (RuntimeException e) {
            // Never a blank page: say what happened in one line; details go to the log.
            LOG.log(Level.WARNING, "request failed", e);
            response = Response.of(500, TEXT, "The console failed: " + e + ". See the terminal where ./jbang console runs.");
        }
        // The page loads only its own script and styles, and no other site may frame it.
        return response.with("Cache-Control", "no-store")
                .with("X-Content-Type-Options", "nosniff")
                .with("Referrer-Policy", "same-origin")   // "no-referrer" would make a form post's Origin "null"
                .with("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
    }

    private Response route(Request request) {
        Optional<String> wrongHost = guard.hostRefusal(request.header("Host"));
        if (wrongHost.isPresent()) {
            return Response.of(421, TEXT, wrongHost.get());
        }
        String method = request.method();
        String path = request.path();
        if (method.equals("POST") && (path.startsWith("/run/") || path.startsWith("/check/"))) {
            Optional<String> foreign = guard.postRefusal(request.header("Origin"), request.header("Sec-Fetch-Site"),
                    new String(request.body(), StandardCharsets.UTF_8));
            return foreign.isPresent() ? Response.of(403, TEXT, foreign.get()) : act(path);
        }
        if (!method.equals("GET")) {
            return Response.of(404, TEXT, "Not found. The console is at /");
        }
        if (path.equals("/")) {
            return showPage(Query.parse(request.query()));
        } else if (path.equals("/console.css") || path.equals("/console.js")) {
            return asset(path.substring(1));
        } else if (path.startsWith("/docs/")) {
            return showDoc(path.substring("/docs/".length()));
        } else if (path.equals("/favicon.ico")) {
            return new Response(204, Map.of(), new byte[0]);
        }
        return Response.of(404, TEXT, "Not found. The console is at /");
    }

    private Response act(String path) {
        String[] parts = path.split("/");
        Optional<Exercise> exercise = parts.length == 3 ? Exercise.byId(parts[2]) : Optional.empty();
        if (exercise.isEmpty()) {
            return Response.of(404, TEXT, "No such exercise. Choose one of: " + Exercise.ids());
        }
        Object value;
        synchronized (actionLock) {
            value = parts[1].equals("run") ? actions.run(exercise.get()) : actions.check(exercise.get());
        }
        int id;
        synchronized (results) {
            id = ++lastResult;
            results.put(id, new Result(exercise.get(), value));
        }
        return new Response(303, Map.of("Location", "/?exercise=" + exercise.get().id() + "&result=" + id + "#results"), new byte[0]);
    }

    private Response showPage(Query query) {
        Result result = null;
        if (query.result() != null) {
            synchronized (results) {
                result = results.get(query.result());
            }
        }
        Exercise shown;
        if (query.exercise() != null) {
            Optional<Exercise> named = Exercise.byId(query.exercise());
            if (named.isEmpty()) {
                return Response.of(404, TEXT, "No exercise '" + query.exercise() + "'. Choose one of: " + Exercise.ids());
            }
            shown = named.get();
        } else if (result != null) {
            shown = result.exercise();
        } else {
            shown = firstUnfinished();
        }
        if (result != null && result.exercise() != shown) {
            result = null;   // a result belongs to its exercise's page
        }
        Object value = result == null ? null : result.value();
        String html = page.render(new Page.Model(actions.vault(), actions.sources(), guard.token(), course(shown),
                exercise(shown), value instanceof Outcome o ? o : null, value instanceof CheckView c ? c : null));
        return Response.of(200, HTML, html);
    }

    /** The home page opens on the first exercise the learner has not passed yet. */
    private Exercise firstUnfinished() {
        return Course.parts().stream().flatMap(p -> p.exercises().stream())
                .filter(e -> actions.progress(e).state() != Progress.State.PASSED)
                .findFirst().orElse(Exercise.values()[0]);
    }

    private List<Page.Module> course(Exercise shown) {
        return Course.parts().stream()
                .map(part -> new Page.Module(part.module().number(), part.module().title(), part.exercises().stream()
                        .map(e -> {
                            Progress progress = actions.progress(e);
                            return new Page.Item(e.id(), Course.number(e), e.action(), progress.cssClass(), progress.label(), e == shown);
                        })
                        .toList()))
                .toList();
    }

    private Page.Shown exercise(Exercise e) {
        Progress progress = actions.progress(e);
        Optional<Instructions.Rendered> doc = instructions.exercise(e);
        return new Page.Shown(e.id(), Course.number(e), e.action(), actions.file(e), progress.cssClass(), progress.label(),
                progress.detail(), doc.map(Instructions.Rendered::title).orElse(e.action()),
                doc.map(Instructions.Rendered::html).orElse(null), "docs/" + e.id() + ".md");
    }

    private Response showDoc(String name) {
        Optional<Instructions.Rendered> doc = instructions.page(name);
        if (doc.isEmpty()) {
            return Response.of(404, TEXT, "No page docs/" + (Instructions.PAGE.matcher(name).matches() ? name : "(that name)")
                    + " in the lab. The console is at /");
        }
        return Response.of(200, HTML, page.renderDoc(new Page.Doc(doc.get().title() == null ? name : doc.get().title(),
                "docs/" + name, doc.get().html())));
    }

    private Response asset(String name) {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(name)) {
            if (in == null) {
                return Response.of(404, TEXT, "Not found");
            }
            String type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            return new Response(200, Map.of("Content-Type", type), in.readAllBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The page's query: which exercise to show and which result; anything else is ignored. */
    record Query(String exercise, Integer result) {
        static Query parse(String query) {
            String exercise = null;
            Integer result = null;
            for (String pair : Optional.ofNullable(query).orElse("").split("&")) {
                if (pair.matches("exercise=[a-z0-9-]{1,32}")) {
                    exercise = pair.substring("exercise=".length());
                } else if (pair.matches("exercise=.*")) {
                    exercise = "(not a name)";
                } else if (pair.matches("result=\\d{1,9}")) {
                    result = Integer.parseInt(pair.substring("result=".length()));
                }
            }
            return new Query(exercise, result);
        }
    }
}
