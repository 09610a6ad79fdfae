package dev.kvlab.checks.learner;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The learner's SDK transport, inside the learner's process: each request goes to the judge as a message, and the
 * judge's answer comes back as the response. The learner's process never opens a connection and never holds a
 * token; the judge signs the request in and sees exactly what the learner's client sent. Public for the relay's tests.
 */
public final class RelayHttpClient implements HttpClient {
    private final String client;
    private final Function<ObjectNode, JsonNode> judge;

    /** {@code judge}: sends a message to the judge and returns its reply (which may say {@code refused}). */
    public RelayHttpClient(String client, Function<ObjectNode, JsonNode> judge) {
        this.client = client;
        this.judge = judge;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return Mono.fromCallable(() -> sendSync(request, Context.NONE));
    }

    @Override
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19 on
    public HttpResponse sendSync(HttpRequest request, Context context) {
        ObjectNode m = Wire.message("http");
        m.put("client", client);
        // the SDK retries on the calling thread: the judge tells one call's attempts from another's by it
        m.put("thread", Thread.currentThread().getId());
        m.put("method", request.getHttpMethod().name());
        m.put("url", request.getUrl().toString());
        ObjectNode headers = m.putObject("headers");
        for (HttpHeader h : request.getHeaders()) {
            headers.put(h.getName(), h.getValue());
        }
        BinaryData body = request.getBodyAsBinaryData();
        if (body != null) {
            m.put("body", Base64.getEncoder().encodeToString(body.toBytes()));
        }
        JsonNode reply = judge.apply(m);
        HttpHeaders responseHeaders = new HttpHeaders();
        reply.path("headers").fields().forEachRemaining(
                e -> responseHeaders.set(HttpHeaderName.fromString(e.getKey()), e.getValue().asText()));
        byte[] bytes = reply.hasNonNull("body") ? Base64.getDecoder().decode(reply.get("body").asText()) : new byte[0];
        return new Response(request, reply.get("status").asInt(), responseHeaders, bytes);
    }

    /** A response that is all in memory already. */
    private static final class Response extends HttpResponse {
        private final int status;
        private final HttpHeaders headers;
        private final byte[] body;

        Response(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
            super(request);
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public String getHeaderValue(HttpHeaderName name) {
            return headers.getValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public BinaryData getBodyAsBinaryData() {
            return BinaryData.fromBytes(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(body, charset));
        }
    }
}
