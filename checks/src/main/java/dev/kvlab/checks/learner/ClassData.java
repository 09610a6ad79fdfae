package dev.kvlab.checks.learner;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Class-data sharing for the learner processes. For {@code ./jbang check}, run by the launcher once per class path,
 * in the background (its {@code cds_run}). The JDK leaves every class of a signed jar out of an archive, and the Azure
 * SDK's core jars are signed (about 350 classes of a check run, 150 of a learner process), so this writes copies of
 * the signed jars without their signature files into a folder, prints the class path with those copies (the judge's
 * archive is made for it, and the judge runs on it), and writes the learner processes' archive for that class path.
 * The judge hands that archive to each learner process ({@value #ARCHIVE_PROPERTY}); a missing or unusable one only
 * makes the start slower. Measured on an idle machine: a check run 380 ms shorter, of about 3 s. The grader, which
 * starts a learner process per submission, keeps an archive of its own ({@link #useKept}).
 */
public final class ClassData {
    /** The system property that names the learner processes' archive. */
    static final String ARCHIVE_PROPERTY = "kvlab.learner.archive";
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/([^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]+)",
            Pattern.CASE_INSENSITIVE);

    private ClassData() {}

    /** {@code ClassData <folder> <class path>}: prints the class path to run on. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ClassData <folder> <class path>");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        List<String> classPath = withoutSignatures(List.of(args[1].split(File.pathSeparator)), folder);
        writeLearnerArchive(classPath, folder.resolve("learner.jsa"));
        System.out.println(String.join(File.pathSeparator, classPath));
    }

    /** The class path with each signed jar replaced by its copy without signature files, in {@code folder/jars}. */
    private static List<String> withoutSignatures(List<String> classPath, Path folder) throws IOException {
        Files.createDirectories(folder.resolve("jars"));
        Set<String> copied = new LinkedHashSet<>();
        for (String entry : classPath) {
            if (!entry.isEmpty()) {
                copied.add(withoutSignatures(Path.of(entry), folder.resolve("jars"), copied.size()).toString());
            }
        }
        return List.copyOf(copied);
    }

    /** The class path and archive of the learner processes a long run starts (see {@link #useKept}). */
    private record Kept(List<String> classPath, Path archive) {}

    private static volatile Kept kept;

    /** The learner processes' archive: the kept one, or the one the judge was given, or null. */
    static Path learnerArchive() {
        Kept k = kept;
        if (k != null) {
            return k.archive();
        }
        String named = System.getProperty(ARCHIVE_PROPERTY, "");
        return !named.isBlank() && Files.isRegularFile(Path.of(named)) ? Path.of(named) : null;
    }

    /** The learner processes' class path when an archive is kept for them, else null. */
    static List<String> keptClassPath() {
        Kept k = kept;
        return k == null ? null : k.classPath();
    }

    /**
     * For a run that starts many learner processes (the grader): their archive, with the copies of the signed jars
     * it needs, kept in {@code cache} under a name made from the JDK and every jar's path, size and time (made there
     * on first use, a few seconds); every learner process started afterwards runs on it, about 0.3 s of CPU less
     * each. Anything that goes wrong leaves the processes as they were: slower, never broken.
     */
    public static void useKept(Path cache) {
        useKept(cache, LearnerProcess.classPath());
    }

    static synchronized void useKept(Path cache, List<String> classPath) {
        if (kept != null) {
            return;
        }
        try {
            Path folder = cache.resolve("learner-" + key(classPath));
            Path archive = folder.resolve("learner.jsa");
            Path listed = folder.resolve("classpath");
            if (!Files.isRegularFile(listed) || !Files.isRegularFile(archive)) {
                List<String> copied = withoutSignatures(classPath, folder);
                writeLearnerArchive(copied, archive);
                if (!Files.isRegularFile(archive)) {
                    return;
                }
                Path partial = folder.resolve("classpath.partial");
                Files.write(partial, copied);
                Files.move(partial, listed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            List<String> copies = Files.readAllLines(listed);
            if (copies.stream().allMatch(e -> Files.exists(Path.of(e)))) {
                kept = new Kept(List.copyOf(copies), archive);
                Files.setLastModifiedTime(listed, FileTime.from(Instant.now())); // in use: see pruneUnused
            }
            pruneUnused(cache, folder);
        } catch (IOException | RuntimeException e) {
            // only a speed-up: the learner processes start without it
        }
    }

    /**
     * Every reinstall of the lab's jars or a new JDK makes another archive folder (25 MB): those no run has used for a
     * day go, so the cache does not grow without end.
     */
    private static void pruneUnused(Path cache, Path inUse) throws IOException {
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        try (Stream<Path> folders = Files.list(cache)) {
            for (Path other : folders.filter(f -> f.getFileName().toString().startsWith("learner-") && !f.equals(inUse))
                    .toList()) {
                Path used = other.resolve("classpath");
                Path stamp = Files.exists(used) ? used : other;
                if (Files.getLastModifiedTime(stamp).toInstant().isBefore(dayAgo)) {
                    try (Stream<Path> files = Files.walk(other)) {
                        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
            }
        }
    }

    /** Back to the class path and archive this JVM was given (for tests). */
    static synchronized void forgetKept() {
        kept = null;
    }

    private static String key(List<String> classPath) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<String> parts = new ArrayList<>(List.of(System.getProperty("java.home"),
                System.getProperty("java.vm.version"), String.join(" ", LearnerProcess.JVM_OPTIONS)));
        for (String entry : classPath) {
            Path p = Path.of(entry);
            parts.add(entry + " " + (Files.exists(p) ? Files.size(p) + " " + Files.getLastModifiedTime(p) : "-"));
        }
        return HexFormat.of().formatHex(sha.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
    }

    /** {@code jar} itself when it is not signed (or not a jar), else a copy of it without its signature files. */
    static Path withoutSignatures(Path jar, Path folder, int index) throws IOException {
        if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
            return jar;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.stream().noneMatch(e -> SIGNATURE.matcher(e.getName()).matches())) {
                return jar;
            }
            // numbered: two jars of the same name from different groups must not overwrite each other
            Path copy = folder.resolve(index + "-" + jar.getFileName());
            Path partial = folder.resolve(copy.getFileName() + ".partial");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    if (SIGNATURE.matcher(entry.getName()).matches()) {
                        continue;
                    }
                    ZipEntry kept = new ZipEntry(entry.getName());
                    kept.setTime(entry.getTime());
                    out.putNextEntry(kept);
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            return Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * One learner process that only starts (its warm-up loads the SDK's client and JSON) writes the list of the
     * classes it loaded; the archive is made from that list with the same JVM options. Failing leaves no archive.
     */
    static void writeLearnerArchive(List<String> classPath, Path archive) throws IOException {
        Path list = archive.resolveSibling("learner.classlist");
        Path kept = archive.resolveSibling("learner.classlist.static");
        Path partial = archive.resolveSibling("learner.jsa.partial");
        try {
            if (run(LearnerProcess.command(classPath, List.of("-XX:DumpLoadedClassList=" + list)))) {
                // lambda proxies crash JDK 17's static dump of this class path; they stay out, as in the judge's
                Files.write(kept, Files.readAllLines(list).stream().filter(l -> !l.startsWith("@lambda-proxy")).toList());
                if (run(LearnerProcess.command(classPath, List.of("-Xshare:dump", "-XX:SharedClassListFile=" + kept,
                        "-XX:SharedArchiveFile=" + partial))) && Files.isRegularFile(partial)) {
                    Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } finally {
            for (Path p : List.of(list, kept, partial)) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs a command with no input and its output dropped; true when it ended well within two minutes. */
    private static boolean run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.flush(); // closed at once: the learner host ends when its input does
        }
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
