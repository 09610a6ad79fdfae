package dev.kvlab.grader;

import static dev.kvlab.grader.Learners.folder;
import static dev.kvlab.grader.Learners.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.checks.Exercise;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class of generated submissions (right, wrong, malformed, hostile) graded end to end through the grader's
 * command: every learner's verdicts, grades.csv row and gradebook rows are asserted, then a regrade after one
 * learner changed their file grades only that file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GradeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Exercise RETRIEVE = Exercise.RETRIEVE;
    static final Exercise LIST = Exercise.LIST;
    static final int RETRIEVE_POINTS = 5; // the checks of exercise 1

    @TempDir
    static Path tmp;
    static Path subs;
    static Path out;
    static String firstOutput;
    static int lastPoints;

    /** What the grader must make of a learner: their retrieve and list scores, their status, a check to fail. */
    record Expect(int retrieve, int list, String status, String failsCheck, String message) {}

    static final Map<String, Expect> EXPECTED = new LinkedHashMap<>();

    @BeforeAll
    static void gradeTheClass() throws Exception {
        subs = Files.createDirectories(tmp.resolve("submissions"));
        out = tmp.resolve("graded");
        makeTheClass();
        Run run = grade(subs, "--out", out.toString(), "--exercises", "retrieve,list", "--seed", "7", "--jobs", "2",
                "--no-sandbox", "--plain");
        assertEquals(0, run.status(), run.toString());
        firstOutput = run.stdout();
    }

    static void makeTheClass() throws Exception {
        int listPoints = new Course(Learners.ROOT).points(LIST);
        lastPoints = listPoints;
        String right = Learners.solution(RETRIEVE);
        String stub = Learners.stub(RETRIEVE);
        String file = RETRIEVE.fileName();
        String noList = "graded; not handed in: list";

        // right, in every shape a learner hands in
        folder(subs.resolve("right-folder"), Map.of(file, right));
        expect("right-folder", RETRIEVE_POINTS, 0, noList);
        Learners.checkout(subs.resolve("right-checkout"), "0.1.0",
                Map.of(file, right, LIST.fileName(), Learners.solution(LIST)));
        expect("right-checkout", RETRIEVE_POINTS, listPoints, "graded");
        Learners.zip(subs.resolve("right-zip.zip"), Map.of(file, utf8(right), "notes.txt", utf8("my notes")));
        expect("right-zip", RETRIEVE_POINTS, 0, noList);
        Learners.zip(subs.resolve("right-zip-of-checkout.zip"), Map.of("project/exercises/" + file, utf8(right),
                "project/pom.xml", utf8("<project><artifactId>kvlab-parent</artifactId><version>0.1.0</version></project>"),
                "project/target/big.bin", new byte[300_000]));
        expect("right-zip-of-checkout", RETRIEVE_POINTS, 0, noList);
        Learners.bundle(subs.resolve("right-bundle.bundle"), tmp.resolve("bundle-work"), Map.of(file, right));
        expect("right-bundle", RETRIEVE_POINTS, 0, noList);
        folder(subs.resolve("right-crlf"), Map.of(file, right.replace("\n", "\r\n")));
        expect("right-crlf", RETRIEVE_POINTS, 0, noList);

        // the checks' own fixtures, right and wrong
        for (String name : List.of("correct-streams", "correct-status-switch", "full-value", "missing-crashes",
                "reads-twice", "forbidden-crashes", "hard-coded-names", "prints-value")) {
            Learners.Fixture f = Learners.fixture("retrieve", name);
            folder(subs.resolve(name), Map.of(file, Learners.withFixture(RETRIEVE, f)));
            EXPECTED.put(name, new Expect(f.failsCheck() == null ? RETRIEVE_POINTS : -1, 0, noList, f.failsCheck(),
                    f.message()));
        }
        Learners.Fixture wrongList = Learners.fixture("list", "reads-values");
        folder(subs.resolve("wrong-list"), Map.of(LIST.fileName(), Learners.withFixture(LIST, wrongList)));
        EXPECTED.put("wrong-list", new Expect(0, -1, "graded; not handed in: retrieve", wrongList.failsCheck(),
                wrongList.message()));
        folder(subs.resolve("untouched-stub"), Map.of(file, stub));
        EXPECTED.put("untouched-stub", new Expect(0, 0, noList, "reads each secret exactly once", "not implemented yet"));
        Learners.zip(subs.resolve("untouched-stub-zip.zip"), Map.of(file, utf8(stub)));
        EXPECTED.put("untouched-stub-zip", new Expect(0, 0, noList, "reads each secret exactly once",
                "not implemented yet"));
        folder(subs.resolve("calls-exit"), Map.of(file, Learners.withRegions(RETRIEVE,
                Map.of("RETRIEVE_SECRETS", List.of("        System.exit(0);", "        return List.of();")))));
        expect("calls-exit", 0, 0, noList);

        // malformed
        Files.createDirectories(subs.resolve("empty-folder"));
        expect("empty-folder", 0, 0, "refused: handed in nothing (the folder is empty)");
        Files.createFile(subs.resolve("empty-file.zip"));
        expect("empty-file", 0, 0, "refused: handed in nothing (an empty file)");
        Learners.zip(subs.resolve("empty-zip.zip"), Map.of());
        expect("empty-zip", 0, 0, "refused: handed in nothing (no files in it)");
        Learners.write(subs.resolve("corrupt.zip"), utf8("this is not a zip at all"));
        expectPrefix("corrupt", "refused: not a readable zip (");
        Learners.write(subs.resolve("not-a-bundle.bundle"), utf8("neither is this a bundle"));
        expectPrefix("not-a-bundle", "refused: not a git bundle git can clone");
        Learners.write(subs.resolve("notes.txt"), utf8("I did the exercises in my head"));
        expect("notes.txt", 0, 0, "refused: not a folder, a .zip or a git bundle (.bundle)");
        Files.createSymbolicLink(subs.resolve("dangling"), tmp.resolve("nowhere"));
        expect("dangling", 0, 0, "refused: cannot read it (a link to nothing)");
        folder(subs.resolve("unknown-exercise"), Map.of("Foo.java", "class Foo {}\n"));
        expectPrefix("unknown-exercise", "refused: no exercise of this lab in it: Foo.java (exercises are RetrieveSecrets.java, ");
        folder(subs.resolve("no-java"), Map.of("README.md", "hello\n"));
        expectPrefix("no-java", "refused: no exercise files in it (expected RetrieveSecrets.java, ");
        Learners.checkout(subs.resolve("other-version"), "0.0.9", Map.of(file, right));
        expectPrefix("other-version", "refused: a checkout of lab version 0.0.9, but this class is graded with version 0.1.0: ");
        byte[] latin1 = (right + "// caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.createDirectories(subs.resolve("latin1"));
        Learners.write(subs.resolve("latin1").resolve(file), latin1);
        expect("latin1", 0, 0, "graded; retrieve: not UTF-8 text; save it as UTF-8 and try again; not handed in: list");
        folder(subs.resolve("broken-markers"), Map.of(file, stub.replace("        // END RETRIEVE_SECRETS\n", "")));
        expectPrefix("broken-markers", "graded; retrieve: ");
        folder(subs.resolve("edited-frame"), Map.of(file, right.replace("public class RetrieveSecrets {",
                "public class RetrieveSecrets { // mine")));
        expectPrefix("edited-frame", "graded; retrieve: ");
        folder(subs.resolve("compile-error"), Map.of(file, Learners.withRegions(RETRIEVE,
                Map.of("RETRIEVE_SECRETS", List.of("        int broken = ;", "        return List.of();")))));
        expectPrefix("compile-error", "graded; retrieve: does not compile");
        folder(subs.resolve("extra-file"), Map.of(file, stub.replace("        // END RETRIEVE_SECRETS\n", ""),
                "Notes.java", "class Notes {}\n"));
        expectPrefix("extra-file", "graded; retrieve: ");
        Files.createDirectories(subs.resolve("linked-file"));
        Files.createSymbolicLink(subs.resolve("linked-file").resolve(file), Path.of("/etc/passwd"));
        expect("linked-file", 0, 0, "refused: RetrieveSecrets.java is a symbolic link; hand in the file itself");
        folder(subs.resolve("huge-file"), Map.of(file, "//" + "x".repeat(1_100_000) + "\n"));
        expect("huge-file", 0, 0, "refused: RetrieveSecrets.java is larger than an exercise file may be (1024 KB)");
        Files.createDirectories(subs.resolve("twice"));
        Learners.zip(subs.resolve("twice.zip"), Map.of(file, utf8(right)));
        expectPrefix("twice", "refused: two entries for twice");
        folder(subs.resolve("=HYPERLINK(evil)"), Map.of());
        expect("=HYPERLINK(evil)", 0, 0, "refused: handed in nothing (the folder is empty)");
        folder(subs.resolve("smith, jo"), Map.of());
        expect("smith, jo", 0, 0, "refused: handed in nothing (the folder is empty)");
        Files.writeString(subs.resolve("roster.csv"), "learner,id,email\nright-folder,1,a@example.invalid\n"
                + "on-roster-only,2,b@example.invalid\n");
        expect("on-roster-only", 0, 0, "refused: handed in nothing (on the roster, no entry in the submissions folder)");

        // hostile zips: nothing may land outside the learner's folder, and each is refused with why
        Learners.zip(subs.resolve("zip-slip.zip"), Map.of("../../evil/" + file, utf8(right)));
        expect("zip-slip", 0, 0, "refused: zip entry ../../evil/RetrieveSecrets.java climbs out of the folder (..); zip the folder itself");
        Learners.zip(subs.resolve("zip-slip-backslash.zip"), Map.of("..\\..\\evil\\" + file, utf8(right)));
        expect("zip-slip-backslash", 0, 0, "refused: zip entry ../../evil/RetrieveSecrets.java climbs out of the folder (..); zip the folder itself");
        Learners.zip(subs.resolve("zip-absolute.zip"), Map.of(tmp.resolve("evil-absolute").resolve(file).toString(),
                utf8(right)));
        expectPrefix("zip-absolute", "refused: zip entry /");
        Learners.zipWithLink(subs.resolve("zip-link.zip"), file, "/etc/passwd");
        expect("zip-link", 0, 0, "refused: zip entry RetrieveSecrets.java is a symbolic link; zip the files themselves");
        Learners.zip(subs.resolve("zip-bomb.zip"), Map.of(file, new byte[20 << 20]));
        expect("zip-bomb", 0, 0, "refused: zip entry RetrieveSecrets.java claims 20971520 bytes, more than an exercise file may have (1024 KB)");
        Learners.lyingBomb(subs.resolve("zip-bomb-lying.zip"), file, 5 << 20, 100);
        expect("zip-bomb-lying", 0, 0, "refused: zip entry RetrieveSecrets.java inflates to more than 1024 KB: a zip bomb, or not an exercise file");
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i <= SafeZip.MAX_ENTRIES; i++) {
            many.put("f" + i + ".txt", new byte[0]);
        }
        Learners.zip(subs.resolve("zip-many.zip"), many);
        expect("zip-many", 0, 0, "refused: the zip holds 10001 entries, more than 10000");
    }

    static void expect(String learner, int retrieve, int list, String status) {
        EXPECTED.put(learner, new Expect(retrieve, list, status, null, null));
    }

    /** A status known by its start (its end quotes the checks' own message). */
    static void expectPrefix(String learner, String start) {
        EXPECTED.put(learner, new Expect(0, 0, start + "*", null, null));
    }

    record Run(int status, String stdout, String stderr) {}

    static Run grade(Path submissions, String... options) {
        List<String> args = new ArrayList<>();
        if (submissions != null) {
            args.add(submissions.toString());
        }
        args.addAll(List.of(options));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int status = GradeCommand.execute(new PrintStream(stdout, true, StandardCharsets.UTF_8), Clock.systemUTC(),
                    args.toArray(String[]::new));
            return new Run(status, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    static Map<String, List<String>> csv(Path file) throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        rows.put("", parse(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = parse(line);
            rows.put(cells.get(0), cells);
        }
        return rows;
    }

    /** One CSV line (RFC 4180 quotes). */
    static List<String> parse(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    static String csvName(String learner) {
        return learner.startsWith("=") ? "'" + learner : learner;
    }

    static JsonNode results(String learner) throws Exception {
        return JSON.readTree(out.resolve(LearnerFiles.folder(learner)).resolve("results.json").toFile());
    }

    @Test
    @Order(1)
    void theClassIsLargeEnough() {
        assertTrue(EXPECTED.size() >= 40, "only " + EXPECTED.size() + " submissions");
    }

    @Test
    @Order(2)
    void everyLearnerHasARowWithScoresTotalAndStatus() throws Exception {
        Map<String, List<String>> rows = csv(out.resolve("grades.csv"));
        assertEquals(List.of("learner", "retrieve", "list", "total", "max_total", "status"), rows.get(""));
        assertEquals(EXPECTED.size() + 1, rows.size(), rows.keySet().toString());
        for (Map.Entry<String, Expect> en : EXPECTED.entrySet()) {
            List<String> row = rows.get(csvName(en.getKey()));
            assertNotNull(row, "no row for " + en.getKey() + " in " + rows.keySet());
            Expect x = en.getValue();
            String status = row.get(5);
            if (x.status().endsWith("*")) {
                assertTrue(status.startsWith(x.status().substring(0, x.status().length() - 1)), en.getKey() + ": " + status);
            } else {
                assertEquals(x.status(), status, en.getKey());
            }
            int retrieve = Integer.parseInt(row.get(1));
            int list = Integer.parseInt(row.get(2));
            if (x.retrieve() >= 0) {
                assertEquals(x.retrieve(), retrieve, en.getKey() + " retrieve: " + row);
            } else {
                assertTrue(retrieve < RETRIEVE_POINTS, en.getKey() + " should lose a point: " + row);
            }
            if (x.list() >= 0) {
                assertEquals(x.list(), list, en.getKey() + " list: " + row);
            } else {
                assertTrue(list < lastPoints, en.getKey() + " should lose a point: " + row);
            }
            assertEquals(retrieve + list, Integer.parseInt(row.get(3)), en.getKey());
            if (en.getKey().equals("extra-file")) {
                assertTrue(status.contains("; ignored Notes.java: no exercise of that name"), status);
            }
            assertEquals(RETRIEVE_POINTS + lastPoints, Integer.parseInt(row.get(4)), en.getKey());
        }
    }

    @Test
    @Order(3)
    void everyVerdictIsInTheLearnersResults() throws Exception {
        for (Map.Entry<String, Expect> en : EXPECTED.entrySet()) {
            JsonNode r = results(en.getKey());
            Expect x = en.getValue();
            assertEquals(3, r.get("version").asInt(), en.getKey());
            assertEquals(en.getKey(), r.get("learner").asText());
            int score = Math.max(x.retrieve(), 0) + Math.max(x.list(), 0);
            if (x.retrieve() >= 0 && x.list() >= 0) {
                assertEquals(score, r.get("score").asInt(), en.getKey());
            }
            assertEquals(RETRIEVE_POINTS + lastPoints, r.get("max_score").asInt(), en.getKey());
            String expectedStatus = x.status().startsWith("refused") ? "error"
                    : score == RETRIEVE_POINTS + lastPoints ? "pass" : "fail";
            if (!x.status().startsWith("refused") && r.get("tests").isEmpty()) {
                expectedStatus = "error"; // no check could run: a file that could not be graded
            }
            assertEquals(expectedStatus, r.get("status").asText(), en.getKey() + ": " + r);
            if (x.failsCheck() != null) {
                JsonNode failed = null;
                for (JsonNode t : r.get("tests")) {
                    if (t.get("name").asText().contains(": " + x.failsCheck())) {
                        failed = t;
                    }
                }
                assertNotNull(failed, en.getKey() + " has no check " + x.failsCheck() + ": " + r);
                assertEquals("fail", failed.get("status").asText(), en.getKey() + ": " + failed);
                if (x.message() != null) {
                    assertTrue(failed.get("message").asText().contains(x.message()), en.getKey() + ": " + failed);
                }
            }
            for (JsonNode t : r.get("tests")) {
                assertTrue(t.get("name").asText().matches("(retrieve|list): .+"), t.toString());
                assertTrue(List.of("pass", "fail", "error").contains(t.get("status").asText()), t.toString());
            }
            Path dir = out.resolve(LearnerFiles.folder(en.getKey()));
            assertTrue(Files.isRegularFile(dir.resolve("retrieve").resolve("TEST-retrieve.xml")), en.getKey());
            assertTrue(Files.isRegularFile(dir.resolve("list").resolve("TEST-list.xml")), en.getKey());
            assertTrue(Files.isRegularFile(dir.resolve("feedback.html")), en.getKey());
        }
        JsonNode right = results("right-checkout");
        assertEquals("pass", right.get("status").asText());
        assertEquals(RETRIEVE_POINTS, right.get("exercises").get("retrieve").get("score").asInt());
        JsonNode exit = results("calls-exit").get("exercises").get("retrieve");
        assertEquals("fail", exit.get("status").asText(), exit.toString());
    }

    @Test
    @Order(4)
    void theGradebookHoldsTheRunEveryLearnerAndEveryGrade() {
        try (Gradebook book = Gradebook.open(out.resolve(Gradebook.FILE))) {
            List<Gradebook.Run> runs = book.runs();
            assertEquals(1, runs.size());
            Gradebook.Run run = runs.get(0);
            assertEquals("retrieve,list", run.exercises());
            assertEquals(7, run.seed());
            assertEquals("off", run.sandbox());
            assertEquals(0, run.reused());
            List<List<Object>> subsRows = book.rows("SELECT learner, status FROM submissions WHERE run_id=? ORDER BY learner",
                    run.id());
            assertEquals(EXPECTED.size(), subsRows.size());
            for (List<Object> row : subsRows) {
                Expect x = EXPECTED.get((String) row.get(0));
                assertNotNull(x, "unexpected learner " + row);
                if (!x.status().endsWith("*")) {
                    assertEquals(x.status(), row.get(1), row.toString());
                }
            }
            List<List<Object>> grades = book.rows("SELECT learner, exercise, score, max_score, status, file_hash "
                    + "FROM grades WHERE run_id=?", run.id());
            assertEquals(EXPECTED.size() * 2, grades.size());
            for (List<Object> g : grades) {
                Expect x = EXPECTED.get((String) g.get(0));
                int expected = g.get(1).equals("retrieve") ? x.retrieve() : x.list();
                if (expected >= 0) {
                    assertEquals(expected, ((Number) g.get(2)).intValue(), g.toString());
                }
                assertEquals(g.get(1).equals("retrieve") ? RETRIEVE_POINTS : lastPoints, ((Number) g.get(3)).intValue());
            }
            // files that were graded: one row per check, as many as the exercise has
            List<List<Object>> checks = book.rows("SELECT COUNT(*) FROM checks c JOIN grades g ON g.id = c.grade_id "
                    + "WHERE g.learner='right-folder' AND g.exercise='retrieve' AND c.status='PASS'");
            assertEquals(RETRIEVE_POINTS, ((Number) checks.get(0).get(0)).intValue());
            assertEquals(run.graded(), ((Number) book.rows("SELECT COUNT(*) FROM grades WHERE run_id=? "
                    + "AND file_hash IS NOT NULL", run.id()).get(0).get(0)).intValue());
        }
    }

    @Test
    @Order(5)
    void hostileZipsWroteNothingOutsideTheirFolder() {
        assertFalse(Files.exists(tmp.resolve("evil")));
        assertFalse(Files.exists(tmp.resolve("evil-absolute")));
        assertFalse(Files.exists(subs.getParent().resolve("evil")));
        try (Stream<Path> files = Files.walk(tmp)) {
            List<Path> evil = files.filter(p -> p.toString().contains("evil") && !p.toString().contains("HYPERLINK"))
                    .toList();
            assertEquals(List.of(), evil);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(6)
    void feedbackShowsVerdictsAndMarksTheFailingLine() throws Exception {
        String compile = Files.readString(out.resolve("compile-error").resolve("feedback.html"));
        assertTrue(compile.contains("does not compile"), compile);
        assertTrue(compile.contains("class=\"marked\""), compile);
        assertTrue(compile.contains("int broken &#61; ;"), compile); // Mustache escapes =
        String wrong = Files.readString(out.resolve("full-value").resolve("feedback.html"));
        assertTrue(wrong.contains("✗ reports values masked"), wrong);
        assertTrue(wrong.contains("hint: "), wrong);
        assertTrue(wrong.contains("Region RETRIEVE_SECRETS"), wrong);
        String right = Files.readString(out.resolve("right-folder").resolve("feedback.html"));
        assertTrue(right.contains(RETRIEVE_POINTS + " of " + RETRIEVE_POINTS), right);
        assertFalse(right.contains("hint: "), "no hints before a failure: " + right);
        // the learner's own paths, never the grader's unpacking folder
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".html")
                    || p.toString().endsWith(".xml") || p.toString().endsWith(".csv")).toList()) {
                String text = Files.readString(f);
                assertFalse(text.contains("kvlab-grade-"), f + " names the grader's work folder");
                assertFalse(text.contains("sk-proj-kvlab7Qm2Xv9LpR4"), f + " holds a whole secret value");
            }
        }
    }

    @Test
    @Order(7)
    void theReportShowsDistributionPassRatesMessagesRefusalsAndClusters() throws Exception {
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Class report: " + EXPECTED.size() + " learners"), html);
        assertTrue(html.contains("id=\"distribution\""));
        assertTrue(html.contains("reads each secret exactly once"), "pass rate per check");
        assertTrue(html.contains("<tr><td>2</td><td>retrieve</td><td>reads each secret exactly once and reports its "
                + "version, content type, creation time and tags</td><td>not implemented yet: RetrieveSecrets: fill in "
                + "region RETRIEVE_SECRETS"), "common message, with how many met it: " + html);
        assertTrue(html.contains("zip-bomb-lying</td><td>submission</td><td>refused: zip entry"), "refusals");
        int rightOnes = (int) EXPECTED.keySet().stream().filter(k -> k.startsWith("right-")).count();
        assertTrue(html.contains("(the reference solution)"), "clusters");
        assertTrue(html.contains("right-bundle, right-checkout, right-crlf"), html);
        assertTrue(rightOnes >= 5);
        assertFalse(html.contains("<script"), "learner text is escaped");
    }

    @Test
    @Order(8)
    void theReportsRebuildFromTheGradebookAlone() throws Exception {
        String csv = Files.readString(out.resolve("grades.csv"));
        Files.delete(out.resolve("grades.csv"));
        Files.delete(out.resolve("report.html"));
        Run run = grade(null, "--report", "--out", out.toString());
        assertEquals(0, run.status(), run.toString());
        assertEquals(csv, Files.readString(out.resolve("grades.csv")));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }

    @Test
    @Order(9)
    void mistakesInTheCommandAreOneLine() {
        Run unknown = grade(subs, "--out", out.toString(), "--exercises", "retreive", "--no-sandbox");
        assertEquals(2, unknown.status());
        assertEquals("Error: no exercise 'retreive': use " + Exercise.ALL.stream().map(Exercise::alias)
                .collect(Collectors.joining(", ")) + ". Run ./jbang grade --help for the options.", unknown.stderr().strip());
        Run shard = grade(subs, "--out", out.toString(), "--shard", "3/2", "--no-sandbox");
        assertEquals(2, shard.status());
        assertTrue(shard.stderr().startsWith("Error: --shard takes I/N"), shard.stderr());
        Run missing = grade(tmp.resolve("nope"), "--out", out.toString(), "--no-sandbox");
        assertEquals(1, missing.status());
        assertEquals(1, missing.stderr().strip().lines().count(), missing.stderr());
        Run noBook = grade(null, "--report", "--out", tmp.resolve("empty").toString());
        assertEquals(1, noBook.status());
        assertTrue(noBook.stderr().startsWith("Error: no gradebook in "), noBook.stderr());
    }

    @Test
    @Order(10)
    void withoutBubblewrapTheSandboxedRunIsRefusedInOneLine() {
        assertEquals(null, GradeCommand.sandboxMissing("off", ""));
        String line = GradeCommand.sandboxMissing("required", "/nonexistent");
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertTrue(line.startsWith("grading runs every submission in a sandbox, which needs bubblewrap"), line);
            assertTrue(line.contains("--no-sandbox"), line);
        }
    }

    @Test
    @Order(20)
    void aRegradeGradesOnlyTheFileThatChangedAndKeepsTheHistory() throws Exception {
        Path changed = subs.resolve("untouched-stub").resolve(RETRIEVE.fileName());
        Files.writeString(changed, Learners.solution(RETRIEVE));
        Run again = grade(subs, "--out", out.toString(), "--exercises", "retrieve,list", "--seed", "8", "--jobs", "2",
                "--no-sandbox", "--plain");
        assertEquals(0, again.status(), again.toString());
        assertTrue(again.stdout().contains("Graded 1 exercise file;"), again.stdout());
        try (Gradebook book = Gradebook.open(out.resolve(Gradebook.FILE))) {
            List<Gradebook.Run> runs = book.runs();
            assertEquals(2, runs.size());
            Gradebook.Run second = runs.get(1);
            assertEquals(1, second.graded());
            List<Gradebook.Grade> fresh = book.gradesOf(second.id()).stream()
                    .filter(g -> !g.reused() && g.fileHash() != null).toList();
            assertEquals(List.of("untouched-stub/retrieve"),
                    fresh.stream().map(g -> g.learner() + "/" + g.exercise()).toList());
            assertEquals(RETRIEVE_POINTS, fresh.get(0).score());
            // history: the first run's grade of the same learner is still there
            assertEquals(List.of(0L, (long) RETRIEVE_POINTS), book.rows("SELECT score FROM grades WHERE "
                    + "learner='untouched-stub' AND exercise='retrieve' ORDER BY id").stream()
                    .map(r -> ((Number) r.get(0)).longValue()).toList());
            // a copied grade keeps the seed and time it was graded with, and points at the original
            Gradebook.Grade copied = book.gradesOf(second.id()).stream()
                    .filter(g -> g.learner().equals("right-folder") && g.exercise().equals("retrieve")).findFirst()
                    .orElseThrow();
            assertTrue(copied.reused());
            assertEquals(7, copied.seed());
        }
        Map<String, List<String>> rows = csv(out.resolve("grades.csv"));
        assertEquals(String.valueOf(RETRIEVE_POINTS), rows.get("untouched-stub").get(1));
        assertEquals(EXPECTED.size() + 1, rows.size());
    }

    static String names(List<String> learners) {
        return learners.stream().sorted().collect(Collectors.joining(", "));
    }
}
