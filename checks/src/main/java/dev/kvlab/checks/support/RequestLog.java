package dev.kvlab.checks.support;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * What a client asked the vault for: a pipeline policy that records each SDK call once (per call, so the
 * challenge handshake and retries do not count twice) with its method, path and status.
 */
public final class RequestLog implements HttpPipelinePolicy {
    /**
     * One request the learner's client sent. {@code path} is the URL path, e.g. {@code /secrets/name/} or
     * {@code /kv}; {@code query} its query as sent (e.g. {@code key=OpenAI%3A*&label=%00&api-version=...}), or null.
     */
    public record Request(String method, String path, int status, String query) {
        public Request(String method, String path, int status) {
            this(method, path, status, null);
        }

        /** The decoded value of query parameter {@code name} ({@code label} of {@code /kv?label=dev}), or null. */
        public String parameter(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        /** The secret name of a {@code /secrets/{name}...} request, or null. */
        public String secretName() {
            String[] parts = path.split("/");
            return parts.length >= 3 && parts[1].equals("secrets") ? parts[2] : null;
        }

        /** A read of a secret's value: {@code GET /secrets/{name}/} or {@code GET /secrets/{name}/{version}}. */
        public boolean readsValue() {
            String[] parts = path.split("/", -1);
            return method.equals("GET") && parts.length >= 3 && parts[1].equals("secrets")
                    && !(parts.length >= 4 && parts[3].equals("versions"));
        }

        /** A new version: {@code PUT /secrets/{name}}. */
        public boolean setsValue() {
            return method.equals("PUT") && secretName() != null;
        }
    }

    /**
     * One request the judge relayed for the learner's process, timed on the judge's monotonic clock: when it arrived
     * ({@code sentAt}) and when the vault's answer was ready to go back ({@code answeredAt}), in nanoseconds.
     * {@code caller} names the learner's client and the thread that sent it: the SDK retries a call on the thread that
     * made it, so an attempt that follows a 429 from the same caller, for the same path, is its retry.
     * {@code retryAfter} is the wait the answer asked for ({@code retry-after-ms}, else {@code Retry-After} seconds),
     * or null.
     */
    public record Attempt(String method, String path, int status, String caller, long sentAt, long answeredAt,
            java.time.Duration retryAfter) {
        /** The secret name of a {@code /secrets/{name}...} request, or null. */
        public String secretName() {
            return new Request(method, path, status).secretName();
        }

        public boolean readsValue() {
            return new Request(method, path, status).readsValue();
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        String method = context.getHttpRequest().getHttpMethod().name();
        String path = context.getHttpRequest().getUrl().getPath();
        String query = context.getHttpRequest().getUrl().getQuery();
        return next.process()
                .doOnNext(response -> requests.add(new Request(method, path, response.getStatusCode(), query)))
                .doOnError(e -> requests.add(new Request(method, path, -1, query)));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        String method = context.getHttpRequest().getHttpMethod().name();
        String path = context.getHttpRequest().getUrl().getPath();
        String query = context.getHttpRequest().getUrl().getQuery();
        try {
            HttpResponse response = next.processSync();
            requests.add(new Request(method, path, response.getStatusCode(), query));
            return response;
        } catch (RuntimeException e) {
            requests.add(new Request(method, path, -1, query));
            throw e;
        }
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_CALL;
    }

    /** Records a request the judge relayed for the learner's process. */
    public void record(String method, String path, int status) {
        requests.add(new Request(method, path, status));
    }

    /** The same with the URL's query (App Configuration's filters live there). */
    public void record(String method, String path, String query, int status) {
        requests.add(new Request(method, path, status, query));
    }

    /** Records the timing of a request the judge relayed (see {@link Attempt}). */
    public void record(Attempt attempt) {
        attempts.add(attempt);
    }

    /** The relayed requests with their timing, in the order they arrived. */
    public List<Attempt> attempts() {
        return new ArrayList<>(attempts);
    }

    public List<Request> all() {
        return new ArrayList<>(requests);
    }

    /** The value reads of {@code name}. */
    public List<Request> readsOf(String name) {
        return requests.stream().filter(r -> r.readsValue() && name.equals(r.secretName())).toList();
    }

    public List<Request> valueReads() {
        return requests.stream().filter(Request::readsValue).toList();
    }

    public void clear() {
        requests.clear();
        attempts.clear();
    }
}
