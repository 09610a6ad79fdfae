package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learner's progress from results/<alias>/results.json: what the checks write, and what they never would. */
class ProgressTest {
    @TempDir
    Path results;

    @Test
    void theLastChecksStatusIsTheProgress() throws Exception {
        assertEquals(Progress.NOT_STARTED, Progress.read(results, Exercise.RETRIEVE));
        write("{\"version\":3,\"status\":\"pass\",\"tests\":[],\"score\":5,\"max_score\":5,\"seed\":1}");
        assertEquals(new Progress(Progress.State.PASSED, "5 of 5 checks passed"), Progress.read(results, Exercise.RETRIEVE));
        write("{\"version\":3,\"status\":\"fail\",\"message\":\"2 of 5 checks passed\",\"tests\":[],\"score\":2,\"max_score\":5}");
        assertEquals(new Progress(Progress.State.FAILING, "2 of 5 checks passed"), Progress.read(results, Exercise.RETRIEVE));
        write("{\"version\":3,\"status\":\"error\",\"message\":\"does not compile\",\"tests\":[],\"score\":0,\"max_score\":5}");
        assertEquals(Progress.State.FAILING, Progress.read(results, Exercise.RETRIEVE).state());
    }

    @Test
    void aDamagedOrHostileResultsFileIsNotStarted() throws Exception {
        String[] hostile = {
                "",                                                   // truncated to nothing
                "{\"status\":\"pa",                                   // truncated mid-way
                "not json at all",
                "\u0000\u0001\u00ff\u00fe",
                "[\"pass\"]",
                "\"pass\"",
                "{\"status\":true}",
                "{\"status\":{\"$gt\":\"\"}}",
                "{\"status\":\"PASS\"}",
                "{\"status\":\"passed <script>alert(1)</script>\"}",
                "[".repeat(100_000),                                  // nesting deeper than any parser should follow
                "{\"status\":\"pass\",\"x\":\"" + "a".repeat(Progress.MAX_BYTES) + "\"}",   // larger than any results file
        };
        for (String text : hostile) {
            write(text);
            assertEquals(Progress.NOT_STARTED, Progress.read(results, Exercise.RETRIEVE),
                    text.length() > 60 ? text.substring(0, 60) + "..." : text);
        }
    }

    @Test
    void scoresThatMakeNoSenseAreLeftOutAndAPassThatPassedLessIsFailing() throws Exception {
        write("{\"status\":\"pass\",\"score\":-1,\"max_score\":5}");
        assertEquals(new Progress(Progress.State.PASSED, null), Progress.read(results, Exercise.RETRIEVE));
        write("{\"status\":\"pass\",\"score\":9,\"max_score\":5}");
        assertEquals(new Progress(Progress.State.PASSED, null), Progress.read(results, Exercise.RETRIEVE));
        write("{\"status\":\"pass\",\"score\":99999999999999999999,\"max_score\":1e400}");
        assertEquals(new Progress(Progress.State.PASSED, null), Progress.read(results, Exercise.RETRIEVE));
        write("{\"status\":\"pass\",\"score\":1,\"max_score\":5}");
        assertEquals(new Progress(Progress.State.FAILING, "1 of 5 checks passed"), Progress.read(results, Exercise.RETRIEVE));
    }

    @Test
    void somethingOtherThanAFileIsNotStarted() throws Exception {
        Path dir = Files.createDirectories(results.resolve("list"));
        Files.createDirectories(dir.resolve("results.json"));                         // a folder
        assertEquals(Progress.NOT_STARTED, Progress.read(results, Exercise.LIST));

        Path rotate = Files.createDirectories(results.resolve("rotate"));
        Files.createSymbolicLink(rotate.resolve("results.json"), Path.of("/dev/zero"));  // endless
        assertEquals(Progress.NOT_STARTED, Progress.read(results, Exercise.ROTATE));

        Path cache = Files.createDirectories(results.resolve("cache"));
        Files.createSymbolicLink(cache.resolve("results.json"), cache.resolve("missing.json"));   // dangling
        assertEquals(Progress.NOT_STARTED, Progress.read(results, Exercise.CACHE));

        Path retrieve = Files.createDirectories(results.resolve("retrieve"));
        Process mkfifo = new ProcessBuilder("mkfifo", retrieve.resolve("results.json").toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
        assertEquals(Progress.NOT_STARTED, Progress.read(results, Exercise.RETRIEVE));   // a pipe: would block forever
    }

    private void write(String text) throws Exception {
        Path dir = Files.createDirectories(results.resolve("retrieve"));
        Files.writeString(dir.resolve("results.json"), text, StandardCharsets.UTF_8);
    }
}
