package dev.kvlab.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The learner's progress on one exercise, from the last {@code ./jbang check} (or "Check my work") of it: the
 * {@code results/<alias>/results.json} it wrote. Anything that is not a results file the checks could have written
 * (missing, a folder, a pipe, too large, not JSON, an unknown status) reads as "not started": the page never fails
 * because of it.
 */
record Progress(State state, String detail) {
    /** Far larger than any results file the checks write (their outputs are capped at 500 characters per check). */
    static final int MAX_BYTES = 1024 * 1024;

    enum State {
        PASSED("passed"), FAILING("failing"), NOT_STARTED("not started");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    static final Progress NOT_STARTED = new Progress(State.NOT_STARTED, null);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The progress {@code results/<alias>/results.json} under {@code resultsFolder} records. */
    static Progress read(Path resultsFolder, Exercise exercise) {
        if (resultsFolder == null) {
            return NOT_STARTED;
        }
        Path file = resultsFolder.resolve(exercise.id()).resolve("results.json");
        try {
            // A regular file of sane size only: a pipe or device would block or never end.
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile() || attributes.size() > MAX_BYTES) {
                return NOT_STARTED;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                return NOT_STARTED;
            }
            return of(JSON.readTree(bytes));
        } catch (IOException | RuntimeException e) {
            // missing, unreadable, not JSON, nested too deep: no check we can trust
            return NOT_STARTED;
        }
    }

    /** The progress a results.json tree says: its {@code status} and, when they make sense, its scores. */
    static Progress of(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("status").isTextual()) {
            return NOT_STARTED;
        }
        State state = switch (json.get("status").asText()) {
            case "pass" -> State.PASSED;
            case "fail", "error" -> State.FAILING;
            default -> null;
        };
        if (state == null) {
            return NOT_STARTED;
        }
        JsonNode score = json.path("score");
        JsonNode max = json.path("max_score");
        String detail = null;
        if (score.isIntegralNumber() && max.isIntegralNumber() && score.canConvertToInt() && max.canConvertToInt()
                && score.intValue() >= 0 && score.intValue() <= max.intValue() && max.intValue() > 0 && max.intValue() <= 1000) {
            detail = score.intValue() + " of " + max.intValue() + " checks passed";
        }
        if (state == State.PASSED && detail != null && score.intValue() != max.intValue()) {
            return new Progress(State.FAILING, detail);   // a "pass" that did not pass every check is not one
        }
        return new Progress(state, detail);
    }

    String label() {
        return state.label;
    }

    /** The CSS class: passed, failing, not-started. */
    String cssClass() {
        return state.name().toLowerCase().replace('_', '-');
    }
}
