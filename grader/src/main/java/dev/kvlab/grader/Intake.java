package dev.kvlab.grader;

import dev.kvlab.checks.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns one entry of the submissions folder into a {@link Submission}: a lab checkout, a folder of exercise
 * files, a {@code .zip} of either, or a git bundle. Anything else, and anything broken or hostile, becomes a
 * refusal that says why, so the learner still gets a row and the run goes on.
 */
final class Intake {
    static final long MAX_BUNDLE_BYTES = 64L << 20;
    private static final Pattern PARENT_VERSION = Pattern.compile(
            "<artifactId>kvlab-parent</artifactId>\\s*<version>([^<]+)</version>");

    private final Path work;
    private final String labVersion;

    /**
     * @param work the run's private folder where zips and bundles are unpacked
     * @param labVersion the version of the lab doing the grading ({@code kvlab-parent} in its pom)
     */
    Intake(Path work, String labVersion) {
        this.work = work;
        this.labVersion = labVersion;
    }

    /** The learner's name: the entry's name without its extension. */
    static String learnerOf(Path entry) {
        String name = entry.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : List.of(".zip", ".bundle")) {
            if (lower.endsWith(ext) && name.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    /** Whether an entry of the submissions folder is a learner's (not the roster, not hidden). */
    static boolean isSubmission(Path entry) {
        String name = entry.getFileName().toString();
        return !name.startsWith(".") && !name.equalsIgnoreCase("roster.csv");
    }

    Submission take(Path entry) {
        String learner = learnerOf(entry);
        try {
            return read(learner, entry);
        } catch (IOException e) {
            return Submission.refused(learner, entry, "cannot read it (" + e.getMessage() + ")");
        }
    }

    private Submission read(String learner, Path entry) throws IOException {
        if (Files.isSymbolicLink(entry) && !Files.exists(entry)) {
            return Submission.refused(learner, entry, "cannot read it (a link to nothing)");
        }
        if (Files.isDirectory(entry)) {
            return fromFolder(learner, entry, entry);
        }
        if (!Files.isRegularFile(entry)) {
            return Submission.refused(learner, entry, "cannot read it (not a file or folder)");
        }
        if (!Files.isReadable(entry)) {
            return Submission.refused(learner, entry, "cannot read it (no permission)");
        }
        if (Files.size(entry) == 0) {
            return Submission.refused(learner, entry, "handed in nothing (an empty file)");
        }
        String lower = entry.getFileName().toString().toLowerCase(Locale.ROOT);
        Path into = Files.createDirectories(work.resolve(learner));
        if (lower.endsWith(".zip")) {
            try {
                SafeZip.unpack(entry, into);
            } catch (SafeZip.Refused e) {
                return Submission.refused(learner, entry, e.getMessage());
            }
            return fromFolder(learner, entry, into);
        }
        if (lower.endsWith(".bundle")) {
            String why = cloneBundle(entry, into.resolve("checkout"));
            return why != null ? Submission.refused(learner, entry, why)
                    : fromFolder(learner, entry, into.resolve("checkout"));
        }
        return Submission.refused(learner, entry, "not a folder, a .zip or a git bundle (.bundle)");
    }

    private Submission fromFolder(String learner, Path entry, Path folder) throws IOException {
        Path dir = folder;
        for (int depth = 0; depth < 3; depth++) {
            if (Files.isDirectory(dir.resolve("exercises"), LinkOption.NOFOLLOW_LINKS)) {
                String other = otherLabVersion(dir);
                if (other != null) {
                    return Submission.refused(learner, entry, other);
                }
                dir = dir.resolve("exercises");
                break;
            }
            List<Path> children = list(dir);
            if (children.isEmpty()) {
                return Submission.refused(learner, entry, "handed in nothing (" + (depth == 0 && folder == entry
                        ? "the folder is empty" : "no files in it") + ")");
            }
            List<Path> folders = children.stream()
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
            boolean javaHere = children.stream().anyMatch(p -> p.getFileName().toString().endsWith(".java"));
            if (!javaHere && folders.size() == 1 && children.size() == 1) {
                dir = folders.get(0); // a zip of a folder: look inside it
                continue;
            }
            break;
        }
        Map<Exercise, Path> files = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Path p : list(dir)) {
            String name = p.getFileName().toString();
            if (!name.endsWith(".java")) {
                continue;
            }
            if (Files.isSymbolicLink(p)) {
                return Submission.refused(learner, entry, name + " is a symbolic link; hand in the file itself");
            }
            if (!Files.isRegularFile(p)) {
                continue;
            }
            if (Files.size(p) > SafeZip.MAX_FILE_BYTES) {
                return Submission.refused(learner, entry, name + " is larger than an exercise file may be ("
                        + (SafeZip.MAX_FILE_BYTES >> 10) + " KB)");
            }
            Exercise e = Exercise.named(name.substring(0, name.length() - ".java".length()));
            if (e == null) {
                unknown.add(name);
            } else {
                files.put(e, p);
            }
        }
        if (!unknown.isEmpty()) {
            notes.add("ignored " + String.join(", ", unknown) + ": no exercise of that name");
        }
        if (files.isEmpty()) {
            String expected = Exercise.ALL.stream().map(Exercise::fileName).collect(Collectors.joining(", "));
            return Submission.refused(learner, entry, unknown.isEmpty()
                    ? "no exercise files in it (expected " + expected + " or a lab checkout with exercises/)"
                    : "no exercise of this lab in it: " + String.join(", ", unknown) + " (exercises are "
                            + expected + ")");
        }
        return new Submission(learner, entry, files, null, List.copyOf(notes));
    }

    /** Null when {@code checkout} is this lab's version (or says none), else the refusal. */
    private String otherLabVersion(Path checkout) throws IOException {
        Path pom = checkout.resolve("pom.xml");
        if (!Files.isRegularFile(pom, LinkOption.NOFOLLOW_LINKS) || Files.size(pom) > SafeZip.MAX_FILE_BYTES) {
            return null;
        }
        Matcher m = PARENT_VERSION.matcher(new String(Files.readAllBytes(pom), StandardCharsets.UTF_8));
        if (m.find() && labVersion != null && !m.group(1).strip().equals(labVersion)) {
            return "a checkout of lab version " + m.group(1).strip() + ", but this class is graded with version "
                    + labVersion + ": hand in the exercise files, or a checkout of version " + labVersion;
        }
        return null;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")
                    && !p.getFileName().toString().equals("__MACOSX")).sorted().toList();
        }
    }

    /** Clones a git bundle; null when it worked, else the learner's row. */
    static String cloneBundle(Path bundle, Path into) throws IOException {
        if (Files.size(bundle) > MAX_BUNDLE_BYTES) {
            return "the bundle is larger than " + (MAX_BUNDLE_BYTES >> 20) + " MB";
        }
        ProcessBuilder pb = new ProcessBuilder("git", "-c", "core.symlinks=false", "-c", "core.hooksPath=/dev/null",
                "clone", "--quiet", bundle.toAbsolutePath().toString(), into.toAbsolutePath().toString())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process git;
        try {
            git = pb.start();
        } catch (IOException missing) {
            return "git is not installed, and this submission is a git bundle: install git and grade again";
        }
        git.getOutputStream().close();
        byte[] out = git.getInputStream().readNBytes(4096);
        try {
            if (!git.waitFor(120, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return "git took more than 2 minutes to clone the bundle";
            }
        } catch (InterruptedException e) {
            git.destroyForcibly();
            Thread.currentThread().interrupt();
            return "interrupted while cloning the bundle";
        }
        if (git.exitValue() != 0) {
            String first = new String(out, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            return "not a git bundle git can clone" + (first.isEmpty() ? "" : " (" + first + ")");
        }
        return null;
    }
}
