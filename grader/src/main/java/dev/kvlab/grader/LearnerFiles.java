package dev.kvlab.grader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.kvlab.checks.CheckResult;
import dev.kvlab.checks.Exercise;
import dev.kvlab.checks.Region;
import dev.kvlab.checks.Report;
import dev.kvlab.checks.ResultsFiles;
import dev.kvlab.checks.SubmissionRejected;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A learner's files in {@code DIR/<learner>/}: {@code results.json} (Exercism v3 with score and max_score, over
 * all exercises, each exercise's own report under {@code exercises}), per exercise {@code <alias>/results.json}
 * and {@code <alias>/TEST-<alias>.xml}, and {@code feedback.html}: each check's verdict and message and the
 * learner's regions with the lines the messages name marked. Hints appear after a failure only, as the learner
 * sees them from {@code ./jbang check}.
 */
final class LearnerFiles {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Mustache FEEDBACK =
            new DefaultMustacheFactory("dev/kvlab/grader").compile("feedback.mustache");

    private LearnerFiles() {}

    /** The folder name of a learner: their name, with anything a file system could misread replaced. */
    static String folder(String learner) {
        String safe = learner.replaceAll("[^A-Za-z0-9._@+-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    static void write(Gradebook.Learner learner, Path out, List<Exercise> exercises) {
        Path dir = out.resolve(folder(learner.name()));
        try {
            Files.createDirectories(dir);
            ObjectNode root = JSON.createObjectNode();
            root.put("version", 3);
            ArrayNode tests = JSON.createArrayNode();
            ObjectNode perExercise = JSON.createObjectNode();
            int score = 0;
            int max = 0;
            boolean allPassed = true;
            boolean anyRan = false;
            List<String> problems = new ArrayList<>();
            for (Exercise e : exercises) {
                Gradebook.Grade g = learner.grades().get(e.alias());
                if (g == null) {
                    continue;
                }
                Report r = g.report();
                Path exDir = dir.resolve(e.alias());
                ResultsFiles.write(r, exDir);
                ObjectNode one = (ObjectNode) JSON.readTree(exDir.resolve("results.json").toFile());
                one.put("max_score", g.maxScore()); // a file that could not run is still out of every check
                replace(exDir.resolve("results.json"), JSON.writeValueAsString(one) + "\n");
                perExercise.set(e.alias(), one);
                for (var t : one.withArray("tests")) {
                    ObjectNode copy = ((ObjectNode) t).deepCopy();
                    copy.put("name", e.alias() + ": " + t.get("name").asText());
                    tests.add(copy);
                }
                score += r.score();
                max += g.maxScore();
                allPassed &= r.passed();
                anyRan |= !r.status().equals("error");
                if (r.problem() != null) {
                    problems.add(e.alias() + ": " + r.problem().lines().findFirst().orElse(""));
                }
            }
            root.put("status", allPassed && max > 0 ? "pass" : anyRan ? "fail" : "error");
            String message = learner.status().startsWith("refused") || learner.status().startsWith("not graded")
                    ? learner.status()
                    : allPassed ? null : score + " of " + max + " checks passed"
                            + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
            if (message != null) {
                root.put("message", message);
            }
            root.set("tests", tests);
            root.put("score", score);
            root.put("max_score", max);
            root.put("learner", learner.name());
            root.set("exercises", perExercise);
            replace(dir.resolve("results.json"), JSON.writeValueAsString(root) + "\n");
            replace(dir.resolve("feedback.html"), feedback(learner, exercises, score, max));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of " + learner.name() + " to " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    static String feedback(Gradebook.Learner learner, List<Exercise> exercises, int score, int max) {
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Exercise e : exercises) {
            Gradebook.Grade g = learner.grades().get(e.alias());
            if (g == null) {
                continue;
            }
            Report r = g.report();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("alias", e.alias());
            s.put("file", "exercises/" + e.fileName());
            s.put("score", r.score());
            s.put("max", g.maxScore());
            s.put("status", r.status());
            s.put("problem", r.problem());
            s.put("seed", g.seed());
            List<Map<String, Object>> checks = new ArrayList<>();
            Set<Integer> marked = new TreeSet<>();
            if (r.problem() != null) {
                marked.addAll(linesNamed(r.problem(), e));
            }
            for (CheckResult c : r.results()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("passed", c.passed());
                m.put("verdict", c.status() == CheckResult.Status.PASS ? "pass"
                        : c.status() == CheckResult.Status.FAIL ? "fail" : c.status() == CheckResult.Status.ERROR
                                ? "error" : "not run");
                m.put("message", c.message());
                m.put("hint", c.passed() ? null : c.hint());
                m.put("task", c.task() > 0 ? c.task() : null);
                checks.add(m);
                if (!c.passed()) {
                    marked.addAll(linesNamed(c.message(), e));
                }
            }
            s.put("checks", checks);
            s.put("regions", regions(g.source(), marked));
            s.put("marked", marked.isEmpty() ? null : marked.toString().replaceAll("[\\[\\]]", ""));
            sections.add(s);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("learner", learner.name());
        page.put("status", learner.status());
        page.put("score", score);
        page.put("max", max);
        page.put("exercises", sections);
        StringWriter w = new StringWriter();
        FEEDBACK.execute(w, page);
        return w.toString();
    }

    /** The line numbers a message names in the exercise's file ({@code exercises/RetrieveSecrets.java:42}). */
    static Set<Integer> linesNamed(String message, Exercise e) {
        Set<Integer> lines = new TreeSet<>();
        if (message == null) {
            return lines;
        }
        Matcher m = Pattern.compile(Pattern.quote(e.fileName()) + ":(\\d+)").matcher(message);
        while (m.find()) {
            lines.add(Integer.parseInt(m.group(1)));
        }
        return lines;
    }

    /** The learner's regions, line by line with their numbers, the marked ones flagged; null without a source. */
    static List<Map<String, Object>> regions(String source, Set<Integer> marked) {
        if (source == null) {
            return null;
        }
        dev.kvlab.checks.Submission parsed;
        try {
            parsed = dev.kvlab.checks.Submission.parse("file", source);
        } catch (SubmissionRejected broken) {
            return null;
        }
        List<Map<String, Object>> regions = new ArrayList<>();
        for (Region region : parsed.regions()) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (int i = 0; i < region.body().size(); i++) {
                int number = region.beginLine() + 1 + i;
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("number", number);
                line.put("text", region.body().get(i));
                line.put("marked", marked.contains(number));
                lines.add(line);
            }
            regions.add(Map.of("name", region.name(), "lines", lines));
        }
        return regions;
    }

    static void replace(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".write", ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
