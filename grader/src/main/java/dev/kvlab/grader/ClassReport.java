package dev.kvlab.grader;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.kvlab.checks.CheckResult;
import dev.kvlab.checks.Exercise;
import dev.kvlab.checks.Region;
import dev.kvlab.checks.SubmissionRejected;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The class's files, rebuilt from the gradebook alone: {@code grades.csv} (a row per learner: {@code learner},
 * one column per exercise alias with its score, {@code total}, {@code max_total}, {@code status}),
 * {@code report.html} (the distribution of totals, the pass rate of each check, the most common failure
 * messages, the submissions that did not finish or were refused, and clusters of identical normalised region
 * bodies), and every learner's files.
 */
final class ClassReport {
    private static final Mustache REPORT = new DefaultMustacheFactory("dev/kvlab/grader").compile("report.mustache");
    static final int COMMON_MESSAGES = 15;

    private final Course course;

    ClassReport(Course course) {
        this.course = course;
    }

    /** Writes everything into {@code out}; returns the learners written. */
    List<Gradebook.Learner> write(Gradebook book, Path out) {
        List<Gradebook.Learner> learners = book.learners();
        List<Exercise> exercises = exercisesIn(learners);
        try {
            Files.createDirectories(out);
            for (Gradebook.Learner l : learners) {
                LearnerFiles.write(l, out, exercises);
            }
            LearnerFiles.replace(out.resolve("grades.csv"), csv(learners, exercises));
            LearnerFiles.replace(out.resolve("report.html"), html(learners, exercises, book.runs()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + out + ": " + e.getMessage(), e);
        }
        return learners;
    }

    /** The exercises any learner was graded on, in the course's order. */
    static List<Exercise> exercisesIn(List<Gradebook.Learner> learners) {
        return Exercise.ALL.stream().filter(e -> learners.stream().anyMatch(l -> l.grades().containsKey(e.alias())))
                .toList();
    }

    static String csv(List<Gradebook.Learner> learners, List<Exercise> exercises) {
        StringBuilder csv = new StringBuilder("learner");
        exercises.forEach(e -> csv.append(',').append(e.alias()));
        csv.append(",total,max_total,status\r\n");
        for (Gradebook.Learner l : learners) {
            csv.append(cell(l.name()));
            int total = 0;
            int max = 0;
            for (Exercise e : exercises) {
                Gradebook.Grade g = l.grades().get(e.alias());
                int score = g == null ? 0 : g.score();
                total += score;
                max += g == null ? 0 : g.maxScore(); // not graded on e in their latest run: nothing to count
                csv.append(',').append(score);
            }
            csv.append(',').append(total).append(',').append(max).append(',').append(cell(l.status())).append("\r\n");
        }
        return csv.toString();
    }

    /** RFC 4180 quoting, and a cell a spreadsheet would run as a formula is made text. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    String html(List<Gradebook.Learner> learners, List<Exercise> exercises, List<Gradebook.Run> runs) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("learners", learners.size());
        page.put("exercises", exercises.stream().map(Exercise::alias).collect(Collectors.joining(", ")));
        page.put("runs", runs.size());
        Gradebook.Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        page.put("last", last == null ? null : Map.of("started", last.started(), "graded", last.graded(),
                "reused", last.reused(), "seed", last.seed(), "sandbox", String.valueOf(last.sandbox())));
        page.put("distribution", distribution(learners));
        page.put("checks", passRates(learners, exercises));
        page.put("messages", commonMessages(learners));
        page.put("unfinished", unfinished(learners));
        page.put("clusters", clusters(learners, exercises));
        StringWriter w = new StringWriter();
        REPORT.execute(w, page);
        return w.toString();
    }

    /** How many learners reached each total, as bars. */
    static List<Map<String, Object>> distribution(List<Gradebook.Learner> learners) {
        Map<Integer, Integer> byTotal = new TreeMap<>();
        int max = 0;
        for (Gradebook.Learner l : learners) {
            int total = l.grades().values().stream().mapToInt(Gradebook.Grade::score).sum();
            max = Math.max(max, l.grades().values().stream().mapToInt(Gradebook.Grade::maxScore).sum());
            byTotal.merge(total, 1, Integer::sum);
        }
        int most = byTotal.values().stream().max(Integer::compare).orElse(1);
        List<Map<String, Object>> bars = new ArrayList<>();
        for (int t = 0; t <= max; t++) {
            int n = byTotal.getOrDefault(t, 0);
            bars.add(Map.of("total", t, "count", n, "width", n * 100 / most));
        }
        return bars;
    }

    /** Each check's pass rate over the learners whose file ran (in the course's order of exercises and checks). */
    static List<Map<String, Object>> passRates(List<Gradebook.Learner> learners, List<Exercise> exercises) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Exercise e : exercises) {
            Map<String, int[]> counts = new LinkedHashMap<>();
            for (Gradebook.Learner l : learners) {
                Gradebook.Grade g = l.grades().get(e.alias());
                if (g == null) {
                    continue;
                }
                for (CheckResult r : g.report().results()) {
                    int[] c = counts.computeIfAbsent(r.name(), k -> new int[2]);
                    c[1]++;
                    if (r.passed()) {
                        c[0]++;
                    }
                }
            }
            counts.forEach((name, c) -> rows.add(Map.of("exercise", e.alias(), "name", name, "passed", c[0],
                    "of", c[1], "rate", c[0] * 100 / c[1])));
        }
        return rows;
    }

    /** The failure messages (and problems) most learners met, with how many. */
    static List<Map<String, Object>> commonMessages(List<Gradebook.Learner> learners) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String[]> what = new LinkedHashMap<>();
        for (Gradebook.Learner l : learners) {
            for (Gradebook.Grade g : l.grades().values()) {
                if (g.report().problem() != null && g.fileHash() != null) {
                    String m = firstLine(g.report().problem());
                    String key = g.exercise() + "\0\0" + m;
                    counts.merge(key, 1, Integer::sum);
                    what.putIfAbsent(key, new String[] {g.exercise(), "(whole file)", m});
                }
                for (CheckResult r : g.report().results()) {
                    if ((r.status() == CheckResult.Status.FAIL || r.status() == CheckResult.Status.ERROR)
                            && r.message() != null) {
                        String m = firstLine(r.message());
                        String key = g.exercise() + "\0" + r.name() + "\0" + m;
                        counts.merge(key, 1, Integer::sum);
                        what.putIfAbsent(key, new String[] {g.exercise(), r.name(), m});
                    }
                }
            }
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(COMMON_MESSAGES).map(en -> {
                    String[] w = what.get(en.getKey());
                    return Map.<String, Object>of("count", en.getValue(), "exercise", w[0], "check", w[1],
                            "message", w[2]);
                }).toList();
    }

    /** Learners refused or not graded, and exercises whose code did not finish, with why. */
    static List<Map<String, Object>> unfinished(List<Gradebook.Learner> learners) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Gradebook.Learner l : learners) {
            if (l.status().startsWith("refused") || l.status().startsWith("not graded")) {
                rows.add(Map.of("learner", l.name(), "what", "submission", "why", l.status()));
                continue;
            }
            for (Gradebook.Grade g : l.grades().values()) {
                g.report().results().stream().filter(r -> r.message() != null && r.message().contains("timed out"))
                        .findFirst().ifPresent(r -> rows.add(Map.of("learner", l.name(), "what", g.exercise(),
                                "why", r.name() + ": " + firstLine(r.message()))));
            }
        }
        return rows;
    }

    /**
     * Groups of learners whose region bodies of an exercise are the same once comments and spacing are taken
     * out: copying shows here. The untouched stub is left out (everyone starts from it); the reference solution
     * is named when a group handed it in.
     */
    List<Map<String, Object>> clusters(List<Gradebook.Learner> learners, List<Exercise> exercises) {
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (Exercise e : exercises) {
            String stub = normalised(read(course.labRoot().resolve("exercises").resolve(e.fileName())));
            String solution = normalised(read(course.labRoot().resolve("solutions").resolve(e.fileName())));
            Map<String, List<String>> byBody = new LinkedHashMap<>();
            Map<String, String> sample = new LinkedHashMap<>();
            for (Gradebook.Learner l : learners) {
                Gradebook.Grade g = l.grades().get(e.alias());
                String body = g == null ? null : normalised(g.source());
                if (body == null || body.isBlank() || body.equals(stub)) {
                    continue;
                }
                byBody.computeIfAbsent(body, k -> new ArrayList<>()).add(l.name());
                sample.putIfAbsent(body, body);
            }
            byBody.entrySet().stream().filter(en -> en.getValue().size() > 1)
                    .sorted(Comparator.comparingInt((Map.Entry<String, List<String>> en) -> en.getValue().size())
                            .reversed())
                    .forEach(en -> {
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("exercise", e.alias());
                        c.put("size", en.getValue().size());
                        c.put("learners", String.join(", ", en.getValue()));
                        c.put("solution", en.getKey().equals(solution));
                        String s = en.getKey();
                        c.put("sample", s.length() > 300 ? s.substring(0, 297) + "..." : s);
                        clusters.add(c);
                    });
        }
        return clusters;
    }

    /** The region bodies of a file, comments and whitespace taken out; null when it has none to read. */
    static String normalised(String source) {
        if (source == null) {
            return null;
        }
        List<Region> regions;
        try {
            regions = dev.kvlab.checks.Submission.parse("file", source).regions();
        } catch (SubmissionRejected broken) {
            return null;
        }
        StringBuilder all = new StringBuilder();
        for (Region r : regions) {
            String body = String.join("\n", r.body())
                    .replaceAll("(?s)/\\*.*?\\*/", " ")
                    .replaceAll("//[^\n]*", " ")
                    .replaceAll("\\s+", " ")
                    .strip();
            all.append(r.name()).append(": ").append(body).append('\n');
        }
        return all.toString().strip();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }
}
