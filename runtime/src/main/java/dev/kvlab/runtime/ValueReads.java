package dev.kvlab.runtime;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Counts the secret values a client actually received, for a program to say what it observed rather than what it
 * hoped: give it to {@link Lab#client(HttpPipelinePolicy...)}, call the code, then print {@link #summary()}. A value
 * read is a {@code GET /secrets/<name>[/<version>]} answered 200 (listings and version lists carry no value); it sits
 * before the SDK's retries and sign-in, so it sees each call once, with its final answer.
 */
public final class ValueReads implements HttpPipelinePolicy {
    // /secrets/<name>, /secrets/<name>/ and /secrets/<name>/<version>; "versions" is the listing of a name's versions
    private static final Pattern SECRET_PATH = Pattern.compile("^/secrets/([0-9A-Za-z-]+)(?:/([0-9A-Za-z]*))?/?$");

    private final Set<String> names = new TreeSet<>();
    private int reads;

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().doOnNext(response -> record(context.getHttpRequest(), response));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpResponse response = next.processSync();
        record(context.getHttpRequest(), response);
        return response;
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_CALL;
    }

    private synchronized void record(HttpRequest request, HttpResponse response) {
        if (request.getHttpMethod() != HttpMethod.GET || response.getStatusCode() != 200) {
            return;
        }
        Matcher secret = SECRET_PATH.matcher(request.getUrl().getPath());
        if (secret.matches() && !"versions".equals(secret.group(2))) {
            reads++;
            names.add(secret.group(1));
        }
    }

    /** How many values the client received. */
    public synchronized int count() {
        return reads;
    }

    /** What was observed, for a printout: "no values read", or "read 2 values: a, b" (names, never values). */
    public synchronized String summary() {
        if (reads == 0) {
            return "no values read";
        }
        return "read " + reads + (reads == 1 ? " value: " : " values: ") + String.join(", ", names);
    }
}
