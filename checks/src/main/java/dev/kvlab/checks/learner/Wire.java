package dev.kvlab.checks.learner;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The line protocol between the judge and the learner's process: one JSON object per line. Values cross as JSON
 * (records, collections, {@code java.time} types as ISO text), so nothing but plain data ever reaches the judge.
 */
public final class Wire {
    /** A line longer than this is not a message: the judge stops reading and ends the process. */
    static final int MAX_LINE = 8 * 1024 * 1024;

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private Wire() {}

    static ObjectNode message(String op) {
        ObjectNode m = JSON.createObjectNode();
        m.put("op", op);
        return m;
    }

    static void write(OutputStream out, ObjectNode message) throws IOException {
        byte[] line = JSON.writeValueAsBytes(message);
        synchronized (out) {
            out.write(line);
            out.write('\n');
            out.flush();
        }
    }

    /** The next line, or null at the end of the stream; a line over {@link #MAX_LINE} is an IOException. */
    static ObjectNode read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                throw new IOException("a message longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        var node = JSON.readTree(line.toString(StandardCharsets.UTF_8));
        if (!(node instanceof ObjectNode o) || !o.hasNonNull("op")) {
            throw new IOException("not a message: " + abbreviate(line.toString(StandardCharsets.UTF_8)));
        }
        return o;
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
