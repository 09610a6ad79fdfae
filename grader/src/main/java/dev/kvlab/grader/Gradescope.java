package dev.kvlab.grader;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.checks.CheckResult;
import dev.kvlab.checks.Exercise;
import dev.kvlab.checks.Report;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Gradescope's autograder contract: {@link #writePackage} makes the autograder zip (the lab itself, plus
 * {@code setup.sh}, run once when Gradescope builds the image, and {@code run_autograder}, run per submission), and
 * {@link #results} turns one learner's grades into {@code /autograder/results/results.json}.
 */
final class Gradescope {
    /** Folders never packed: build output, caches, results, version control. */
    private static final Set<String> SKIPPED = Set.of(".git", "target", ".lab", "results", "grades", "node_modules",
            ".idea", ".vscode");

    private Gradescope() {}

    /** Writes the autograder zip of the lab at {@code labRoot} to {@code zip}; returns how many files it holds. */
    static int writePackage(Path labRoot, Path zip) throws IOException {
        List<String> files = labFiles(labRoot);
        Path target = zip.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".gradescope", ".zip");
        int count = 0;
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(tmp)) {
            for (String name : List.of("setup.sh", "run_autograder")) {
                add(out, name, resource(name), 0755);
                count++;
            }
            for (String name : files) {
                Path file = labRoot.resolve(name);
                if (file.toAbsolutePath().normalize().equals(target) || !Files.isRegularFile(file)) {
                    continue;
                }
                add(out, name, Files.readAllBytes(file), Files.isExecutable(file) ? 0755 : 0644);
                count++;
            }
        }
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return count;
    }

    /** The lab's files as git tracks them (untracked but not ignored included); without git, a walk. */
    static List<String> labFiles(Path root) throws IOException {
        if (Files.isDirectory(root.resolve(".git")) || Files.isRegularFile(root.resolve(".git"))) {
            try {
                Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--cached", "--others",
                        "--exclude-standard").redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0) {
                    return Stream.of(out.split("\0")).filter(n -> !n.isEmpty() && !secret(n)).sorted().toList();
                }
            } catch (IOException | InterruptedException noGit) {
                // fall back to the walk below
            }
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> Stream.of(n.split("/")).noneMatch(SKIPPED::contains) && !secret(n))
                    .sorted().forEach(names::add);
        }
        return names;
    }

    /** Environment files hold vault URLs and identities: never packed. */
    private static boolean secret(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        return (file.equals(".env") || file.startsWith(".env.") || file.endsWith(".env")) && !file.endsWith(".example");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Gradescope.class.getResourceAsStream("gradescope/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the grader's " + name + " template is missing");
            }
            return in.readAllBytes();
        }
    }

    private static void add(ZipArchiveOutputStream out, String name, byte[] bytes, int mode) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(mode);
        e.setSize(bytes.length);
        out.putArchiveEntry(e);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    /** Gradescope's results.json for one learner: a test per check (1 point each), a failing test per problem. */
    static ObjectNode results(Gradebook.Learner learner, List<Exercise> exercises, double seconds) {
        ObjectNode root = LearnerFiles.JSON.createObjectNode();
        ArrayNode tests = LearnerFiles.JSON.createArrayNode();
        int score = 0;
        int number = 0;
        for (Exercise e : exercises) {
            Gradebook.Grade g = learner.grades().get(e.alias());
            if (g == null) {
                continue;
            }
            Report r = g.report();
            if (r.problem() != null) {
                ObjectNode t = tests.addObject();
                t.put("name", e.alias() + ": could not be graded");
                t.put("number", String.valueOf(++number));
                t.put("score", 0);
                t.put("max_score", g.maxScore());
                t.put("status", "failed");
                t.put("output", r.problem());
                t.putArray("tags").add(e.alias());
                t.put("visibility", "visible");
                continue;
            }
            for (CheckResult c : r.results()) {
                ObjectNode t = tests.addObject();
                t.put("name", e.alias() + ": " + c.name());
                t.put("number", String.valueOf(++number));
                t.put("score", c.passed() ? 1 : 0);
                t.put("max_score", 1);
                t.put("status", c.passed() ? "passed" : "failed");
                String output = c.passed() ? "" : c.message() + (c.hint() == null ? "" : "\nhint: " + c.hint());
                if (c.output() != null && !c.output().isEmpty()) {
                    output += (output.isEmpty() ? "" : "\n") + "printed: " + c.output();
                }
                t.put("output", output);
                t.putArray("tags").add(e.alias());
                t.put("visibility", "visible");
                score += c.passed() ? 1 : 0;
            }
        }
        root.put("score", score);
        root.put("output", learner.status().equals("graded") ? "Graded with the lab's checks on a local vault."
                : learner.status());
        root.put("visibility", "visible");
        root.put("execution_time", Math.round(seconds * 10) / 10.0);
        root.set("tests", tests);
        return root;
    }

    static void writeResults(ObjectNode results, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        LearnerFiles.replace(file.toAbsolutePath(), LearnerFiles.JSON.writeValueAsString(results) + "\n");
    }
}
