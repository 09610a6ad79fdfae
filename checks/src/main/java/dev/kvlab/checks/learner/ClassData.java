package dev.kvlab.checks.learner;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Class-data sharing for {@code ./jbang check}, run by the launcher once per class path, in the background (its
 * {@code cds_run}). The JDK leaves every class of a signed jar out of an archive, and the Azure SDK's core jars are
 * signed (about 350 classes of a check run, 150 of a learner process), so this writes copies of the signed jars
 * without their signature files into a folder, prints the class path with those copies (the judge's archive is made
 * for it, and the judge runs on it), and writes the learner processes' archive for that class path. The judge hands
 * that archive to each learner process ({@value #ARCHIVE_PROPERTY}); a missing or unusable one only makes the start
 * slower. Measured on an idle machine: a check run 380 ms shorter, of about 3 s.
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
        Files.createDirectories(folder.resolve("jars"));
        Set<String> classPath = new LinkedHashSet<>();
        for (String entry : args[1].split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(withoutSignatures(Path.of(entry), folder.resolve("jars"), classPath.size()).toString());
            }
        }
        writeLearnerArchive(List.copyOf(classPath), folder.resolve("learner.jsa"));
        System.out.println(String.join(File.pathSeparator, classPath));
    }

    /** The learner processes' archive the judge was given, or null. */
    static Path learnerArchive() {
        String named = System.getProperty(ARCHIVE_PROPERTY, "");
        return !named.isBlank() && Files.isRegularFile(Path.of(named)) ? Path.of(named) : null;
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
