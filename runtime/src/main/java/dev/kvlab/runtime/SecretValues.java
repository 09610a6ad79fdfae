package dev.kvlab.runtime;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Every secret value the lab's clients have received, so whatever the lab prints shows them masked: a pipeline
 * policy notes the {@code value} of each secret the vault returns, and {@link #redacting} wraps a stream so that a
 * whole value never reaches the terminal, even when a learner's code prints one.
 */
public final class SecretValues {
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Shorter values are too common to hide without mangling ordinary words. */
    private static final int SHORTEST = 6;

    private SecretValues() {}

    /** The policy the lab's builders add: notes the value of every secret read or written through the client. */
    public static HttpPipelinePolicy policy() {
        return new HttpPipelinePolicy() {
            @Override
            public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
                return next.process().map(SecretValues::note);
            }

            @Override
            public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
                return note(next.processSync());
            }

            @Override
            public HttpPipelinePosition getPipelinePosition() {
                return HttpPipelinePosition.PER_CALL;
            }
        };
    }

    private static HttpResponse note(HttpResponse response) {
        String path = response.getRequest().getUrl().getPath();
        if (response.getStatusCode() != 200 || !path.startsWith("/secrets/") && !path.startsWith("/deletedsecrets/")) {
            return response;
        }
        HttpResponse buffered = response.buffer();
        try {
            JsonNode value = JSON.readTree(buffered.getBodyAsBinaryData().toBytes()).get("value");
            if (value != null && value.isTextual()) {
                remember(value.asText());
            }
        } catch (Exception notJson) {
            // not a secret bundle: nothing to note
        }
        return buffered;
    }

    /** Notes a value to hide from now on. */
    public static void remember(String value) {
        if (value != null && value.length() >= SHORTEST) {
            SEEN.add(value);
        }
    }

    /** {@code text} with every noted value masked ({@link Mask#value}). */
    public static String redact(String text) {
        if (text == null || SEEN.isEmpty()) {
            return text;
        }
        String out = text;
        List<String> longestFirst = SEEN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String value : longestFirst) {
            if (out.contains(value)) {
                out = out.replace(value, Mask.value(value));
            }
        }
        return out;
    }

    /**
     * A stream that masks noted values in what passes through it, a whole line at a time, so a value printed in pieces
     * on one line is still caught. A partial line waits for its end (or for {@link Lines#drain}): flushing does not
     * pass it on, since {@code PrintStream} flushes after every write.
     */
    public static Lines redacting(PrintStream terminal) {
        return new Lines(terminal);
    }

    /** What {@link #redacting} returns: write to it like any stream; {@link #drain} at the end. */
    public static final class Lines extends OutputStream {
        private final PrintStream terminal;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        private Lines(PrintStream terminal) {
            this.terminal = terminal;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n' || line.size() > 64 * 1024) {
                drain();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void flush() {
            terminal.flush();
        }

        /** Passes on what is left of the last line. */
        public synchronized void drain() {
            if (line.size() > 0) {
                terminal.print(redact(line.toString(StandardCharsets.UTF_8)));
                line.reset();
            }
            terminal.flush();
        }
    }
}
