package dev.kvlab.grader;

import dev.kvlab.checks.Exercise;
import dev.kvlab.checks.Region;
import dev.kvlab.checks.Submission;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Makes learners' submissions for the tests from the lab's own files: the pristine exercises, the reference
 * solutions, and the checks' fixture submissions ({@code checks/src/test/resources/submissions/<alias>/}, region
 * blocks with an {@code // expect:} line), as folders, checkouts, zips and git bundles, and hostile zips.
 */
final class Learners {
    static final Path ROOT = Path.of(System.getProperty("kvlab.root"));
    static final Path FIXTURES = ROOT.resolve("checks/src/test/resources/submissions");

    /** A checks fixture: its regions, the check it must fail (null: pass) and a part of that check's message. */
    record Fixture(String alias, String name, String failsCheck, String message, Map<String, List<String>> regions) {}

    private Learners() {}

    static String stub(Exercise e) {
        return read(ROOT.resolve("exercises").resolve(e.fileName()));
    }

    /** The exercise file with the reference solution's regions: what a learner who got it right hands in. */
    static String solution(Exercise e) {
        return withRegions(e, Map.of());
    }

    static Fixture fixture(String alias, String name) {
        List<String> lines = List.of(read(FIXTURES.resolve(alias).resolve(name + ".java")).split("\n"));
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
        String fails = expect == null || expect.equals("pass") ? null : expect.substring("fail ".length());
        return new Fixture(alias, name, fails, message, regions);
    }

    /** The exercise file with these region bodies, the solution's for the others. */
    static String withRegions(Exercise e, Map<String, List<String>> bodies) {
        try {
            Submission pristine = Submission.parse("pristine", stub(e));
            Submission solution = Submission.parse("solution", read(ROOT.resolve("solutions").resolve(e.fileName())));
            List<String> out = new ArrayList<>();
            List<String> lines = pristine.lines();
            for (int i = 0; i < lines.size(); i++) {
                int line = i + 1;
                Region r = pristine.regions().stream().filter(x -> x.beginLine() == line).findFirst().orElse(null);
                Region inside = pristine.regions().stream().filter(x -> x.contains(line)).findFirst().orElse(null);
                if (inside != null) {
                    continue;
                }
                out.add(lines.get(i));
                if (r != null) {
                    List<String> body = bodies.get(r.name());
                    if (body == null) {
                        body = solution.regions().stream().filter(x -> x.name().equals(r.name())).findFirst()
                                .orElseThrow().body();
                    }
                    out.addAll(body);
                }
            }
            return String.join("\n", out) + "\n";
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String withFixture(Exercise e, Fixture f) {
        return withRegions(e, f.regions());
    }

    /** A folder holding these files (name to content). */
    static Path folder(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            return dir;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A lab checkout of version {@code version}: the pom's parent coordinates and {@code exercises/}. */
    static Path checkout(Path dir, String version, Map<String, String> exerciseFiles) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", "<project>\n  <groupId>dev.kvlab</groupId>\n  <artifactId>kvlab-parent</artifactId>\n"
                + "  <version>" + version + "</version>\n</project>\n");
        files.put("jbang-catalog.json", "{}\n");
        exerciseFiles.forEach((name, text) -> files.put("exercises/" + name, text));
        return folder(dir, files);
    }

    /** A zip of these entries (name to content), names written as given: hostile ones too. */
    static Path zip(Path file, Map<String, byte[]> entries) {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A zip whose one entry is a symbolic link to {@code target}. */
    static Path zipWithLink(Path file, String name, String target) {
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(file)) {
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            e.setUnixMode(0120777);
            z.putArchiveEntry(e);
            z.write(target.getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A zip bomb whose central directory lies: it claims {@code claimed} bytes for an entry that inflates to
     * {@code bytes} zeros, so only counting what actually inflates catches it.
     */
    static Path lyingBomb(Path file, String name, int bytes, int claimed) {
        zip(file, Map.of(name, new byte[bytes]));
        try {
            byte[] zip = Files.readAllBytes(file);
            for (int i = zip.length - 46; i >= 0; i--) {
                if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x01 && zip[i + 3] == 0x02) {
                    for (int b = 0; b < 4; b++) {
                        zip[i + 24 + b] = (byte) (claimed >>> (8 * b)); // uncompressed size, little-endian
                    }
                    break;
                }
            }
            Files.write(file, zip);
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A git bundle of a checkout holding these exercise files. */
    static Path bundle(Path file, Path work, Map<String, String> exerciseFiles) throws Exception {
        Path repo = checkout(work, "0.1.0", exerciseFiles);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=Learner", "-c", "user.email=learner@example.invalid", "commit", "-q", "-m", "done");
        git(repo, "bundle", "create", "-q", file.toAbsolutePath().toString(), "--all");
        return file;
    }

    static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
    }

    static void write(Path file, byte[] bytes) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
