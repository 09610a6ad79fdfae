package dev.kvlab.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A submission for the tests: a file under {@code src/test/resources/submissions/<alias>/} holding region blocks
 * (and {@code // expect:} / {@code // message:} lines saying what the checks must make of it). {@link #write} turns
 * it into the whole file a learner would hand in: the pristine exercise, these regions, and the reference
 * solution's body for any region the fixture leaves out.
 */
record Fixture(String alias, String name, String expect, String message, Map<String, List<String>> regions) {
    static final Path ROOT = Path.of(System.getProperty("kvlab.root"));
    static final Path DIR = Path.of("src/test/resources/submissions");

    static List<Fixture> all() {
        List<Fixture> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DIR)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> all.add(read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    static Fixture read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String expect = null;
        String message = null;
        Map<String, List<String>> regions = new LinkedHashMap<>();
        String open = null;
        for (String line : lines) {
            String t = line.strip();
            if (open == null && t.startsWith("// expect: ")) {
                expect = t.substring("// expect: ".length());
            } else if (open == null && t.startsWith("// message: ")) {
                message = t.substring("// message: ".length());
            } else if (t.startsWith("// BEGIN ")) {
                open = t.substring("// BEGIN ".length());
                regions.put(open, new ArrayList<>());
            } else if (t.startsWith("// END ")) {
                open = null;
            } else if (open != null) {
                regions.get(open).add(line);
            }
        }
        String alias = file.getParent().getFileName().toString();
        String name = file.getFileName().toString().replace(".java", "");
        return new Fixture(alias, name, expect, message, regions);
    }

    Exercise exercise() {
        return Exercise.named(alias);
    }

    /** The learner's whole file, written to {@code dir}. */
    Path write(Path dir) throws Exception {
        Exercise e = exercise();
        Submission pristine = Submission.parse("pristine", Files.readString(ROOT.resolve("exercises").resolve(e.fileName())));
        Submission solution = Submission.parse("solution", Files.readString(ROOT.resolve("solutions").resolve(e.fileName())));
        List<String> out = new ArrayList<>();
        List<String> lines = pristine.lines();
        for (int i = 0; i < lines.size(); i++) {
            int line = i + 1;
            out.add(lines.get(i));
            Region r = pristine.regions().stream().filter(x -> x.beginLine() == line).findFirst().orElse(null);
            if (r != null) {
                List<String> body = regions.get(r.name());
                if (body == null) {
                    body = solution.regions().stream().filter(x -> x.name().equals(r.name())).findFirst().orElseThrow().body();
                }
                out.addAll(body);
                i = r.endLine() - 2;
            }
        }
        Path file = dir.resolve(e.fileName());
        Files.write(file, out);
        return file;
    }

    @Override
    public String toString() {
        return alias + "/" + name;
    }
}
