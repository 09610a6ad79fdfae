package dev.kvlab.grader;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.kvlab.checks.Checks;
import dev.kvlab.checks.Exercise;
import dev.kvlab.checks.support.Check;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab the class is graded with: its version, and per exercise the number of checks (the points) and the
 * check version, a hash of everything that decides a verdict (the pristine exercise, its check class, the check
 * runner), so the gradebook knows when a stored grade is still valid.
 */
final class Course {
    private static final Pattern VERSION = Pattern.compile(
            "<artifactId>kvlab-parent</artifactId>\\s*<version>([^<]+)</version>");

    private final Path labRoot;
    private final String version;
    private final Map<Exercise, String> checkVersions = new LinkedHashMap<>();
    private final Map<Exercise, Integer> points = new LinkedHashMap<>();

    Course(Path labRoot) {
        this.labRoot = labRoot;
        this.version = readVersion(labRoot);
        for (Exercise e : Exercise.ALL) {
            checkVersions.put(e, checkVersionOf(e));
            points.put(e, countChecks(e));
        }
    }

    Path labRoot() {
        return labRoot;
    }

    /** The lab's version ({@code kvlab-parent} in its pom), or null when its pom does not say. */
    String version() {
        return version;
    }

    List<Exercise> exercises() {
        return Exercise.ALL;
    }

    String checkVersion(Exercise e) {
        return checkVersions.get(e);
    }

    /** The points of an exercise: one per check (stage 1, which is all the grader runs). */
    int points(Exercise e) {
        return points.get(e);
    }

    private static String readVersion(Path root) {
        try {
            Matcher m = VERSION.matcher(Files.readString(root.resolve("pom.xml")));
            return m.find() ? m.group(1).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String checkVersionOf(Exercise e) {
        MessageDigest sha = sha256();
        try {
            sha.update(Files.readAllBytes(labRoot.resolve("exercises").resolve(e.fileName())));
        } catch (IOException missing) {
            throw new IllegalStateException("the lab at " + labRoot + " has no exercises/" + e.fileName());
        }
        for (String cls : List.of(e.checkClass(), Checks.class.getName(), "dev.kvlab.checks.Feedback",
                "dev.kvlab.checks.support.CheckExtension")) {
            try (InputStream in = Checks.class.getResourceAsStream("/" + cls.replace('.', '/') + ".class")) {
                if (in != null) {
                    sha.update(in.readAllBytes());
                }
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /**
     * The {@code @Check} methods of the exercise's check class, read from its class file: loading the class would
     * resolve its methods' signatures, which name the exercise's own types, absent from the checks' jar by design.
     */
    private static int countChecks(Exercise e) {
        URL file = Checks.class.getResource("/" + e.checkClass().replace('.', '/') + ".class");
        if (file == null) {
            throw new IllegalStateException("the checks of " + e.alias() + " are missing (" + e.checkClass() + ")");
        }
        // only this class file: resolving what it names from the class path took seconds for nothing
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        JavaClass check = new ClassFileImporter().importUrl(file).get(e.checkClass());
        return (int) check.getMethods().stream().filter(m -> m.isAnnotatedWith(Check.class.getName())).count();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
