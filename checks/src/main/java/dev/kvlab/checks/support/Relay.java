package dev.kvlab.checks.support;

import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The judge's end of a client handed to the learner's code (a {@code SecretClient} from {@link CheckVault}, a
 * {@code ConfigurationClient} from {@link CheckStore}): each request the learner's process sends is checked to be for
 * this one service (https, same host and port), recorded, signed in by {@code pipeline} (a bearer token, or an HMAC
 * signature with the store's access key: the learner's process never holds either) and forwarded; the answer goes
 * back as it came.
 */
final class Relay {
    /** Headers the judge sets itself: the sign-in, and what a signature covers (host, date, body hash). */
    private static final Set<String> NOT_RELAYED = Set.of("authorization", "host", "content-length", "connection",
            "transfer-encoding", "date", "x-ms-date", "x-ms-content-sha256");
    private final URI target;
    private final String service;
    private final HttpPipeline pipeline;
    /** Null, or the pipeline for a request without a token (a learner's SDK asking for the vault's challenge). */
    private final HttpPipeline unsigned;
    private final RequestLog log;

    /** {@code service}: what the target is, for the refusal ({@code vault}, {@code store}). */
    Relay(URI target, String service, HttpPipeline pipeline, RequestLog log) {
        this(target, service, pipeline, null, log);
    }

    /**
     * {@code unsigned}: when not null, a request that comes without an {@code Authorization} header is sent through it
     * as it is (the SDK's challenge handshake, run by a client the learner built); every other request is signed in.
     */
    Relay(URI target, String service, HttpPipeline pipeline, HttpPipeline unsigned, RequestLog log) {
        this.target = target;
        this.service = service;
        this.pipeline = pipeline;
        this.unsigned = unsigned;
        this.log = log;
    }

    /** The URL the learner's client is built for. */
    String url() {
        return target.toString();
    }

    ObjectNode relay(ObjectNode request, ObjectNode reply) {
        long sentAt = System.nanoTime();
        URL url;
        HttpMethod method;
        try {
            url = new URL(request.path("url").asText());
            method = HttpMethod.valueOf(request.path("method").asText());
        } catch (MalformedURLException | IllegalArgumentException e) {
            return reply.put("refused", "not a request the lab can send");
        }
        if (!"https".equals(url.getProtocol()) || !url.getHost().equalsIgnoreCase(target.getHost())
                || port(url) != port(target) || url.getUserInfo() != null) {
            return reply.put("refused", "the learner's client may only talk to " + target);
        }
        HttpRequest forward = new HttpRequest(method, url);
        request.path("headers").fields().forEachRemaining(h -> {
            if (!NOT_RELAYED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                forward.setHeader(HttpHeaderName.fromString(h.getKey()), h.getValue().asText());
            }
        });
        if (request.hasNonNull("body")) {
            forward.setBody(Base64.getDecoder().decode(request.get("body").asText()));
        }
        boolean signIn = unsigned == null || header(request, "authorization") != null;
        try (HttpResponse response = (signIn ? pipeline : unsigned).sendSync(forward, Context.NONE)) {
            byte[] body = response.getBodyAsBinaryData().toBytes();
            log.record(method.name(), url.getPath(), url.getQuery(), response.getStatusCode());
            log.record(new RequestLog.Attempt(method.name(), url.getPath(), response.getStatusCode(),
                    request.path("client").asText() + "/" + request.path("thread").asText(), sentAt, System.nanoTime(),
                    retryAfter(response)));
            reply.put("status", response.getStatusCode());
            ObjectNode headers = reply.putObject("headers");
            for (HttpHeader h : response.getHeaders()) {
                headers.put(h.getName(), h.getValue());
            }
            reply.put("body", Base64.getEncoder().encodeToString(body));
            return reply;
        } catch (RuntimeException e) {
            log.record(method.name(), url.getPath(), url.getQuery(), -1);
            return reply.put("refused", "cannot reach the " + service + ": " + e.getClass().getSimpleName());
        }
    }

    /** A header of the learner's request, whatever its case, or null. */
    private static String header(ObjectNode request, String name) {
        for (var it = request.path("headers").fields(); it.hasNext(); ) {
            var h = it.next();
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue().asText();
            }
        }
        return null;
    }

    /** The wait an answer asks for, as the SDK reads it: {@code retry-after-ms}, else {@code Retry-After} seconds. */
    private static Duration retryAfter(HttpResponse response) {
        try {
            String ms = response.getHeaderValue(HttpHeaderName.fromString("retry-after-ms"));
            if (ms != null) {
                return Duration.ofMillis(Long.parseLong(ms.trim()));
            }
            String seconds = response.getHeaderValue(HttpHeaderName.RETRY_AFTER);
            return seconds == null ? null : Duration.ofSeconds(Long.parseLong(seconds.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int port(URL url) {
        return url.getPort() == -1 ? url.getDefaultPort() : url.getPort();
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? 443 : uri.getPort();
    }
}
