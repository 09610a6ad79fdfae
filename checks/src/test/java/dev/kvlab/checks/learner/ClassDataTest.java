package dev.kvlab.checks.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data step: signed jars copied without their signatures, the learner processes' archive the launcher makes,
 * and the one the grader keeps.
 */
class ClassDataTest {
    @TempDir
    Path dir;

    @Test
    void aSignedJarIsCopiedWithoutItsSignatureFilesAndNothingElseChanges() throws IOException {
        Map<String, byte[]> content = new TreeMap<>(Map.of(
                "META-INF/MANIFEST.MF", bytes("Manifest-Version: 1.0\n\nName: a/B.class\nSHA-256-Digest: x\n"),
                "META-INF/CODESIGN.SF", bytes("signature"), "META-INF/CODESIGN.RSA", bytes("block"),
                "META-INF/SIG-OLD", bytes("old"), "META-INF/maven/pom.xml", bytes("<project/>"),
                "a/B.class", new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2}));
        Path signed = jar(dir.resolve("core-1.0.jar"), content);
        Path folder = Files.createDirectories(dir.resolve("jars"));

        Path copy = ClassData.withoutSignatures(signed, folder, 3);

        assertEquals(folder.resolve("3-core-1.0.jar"), copy);
        Map<String, byte[]> copied = read(copy);
        assertEquals(List.of("META-INF/MANIFEST.MF", "META-INF/maven/pom.xml", "a/B.class"), List.copyOf(copied.keySet()));
        copied.forEach((name, bytes) -> assertArrayEquals(content.get(name), bytes, name));
        assertEquals(List.of(copy), files(folder), "no partial file left");
    }

    @Test
    void unsignedJarsAndFoldersStayAsTheyAre() throws IOException {
        Path plain = jar(dir.resolve("plain.jar"), Map.of("a/B.class", new byte[] {1}));
        Path folder = Files.createDirectories(dir.resolve("jars"));

        assertEquals(plain, ClassData.withoutSignatures(plain, folder, 0));
        assertEquals(dir, ClassData.withoutSignatures(dir, folder, 1));
        assertEquals(List.of(), files(folder));
    }

    /** The JDK refuses to archive a class path with a build folder on it: no archive, and nothing left behind. */
    @Test
    void aClassPathTheJdkCannotArchiveLeavesNoArchive() throws IOException {
        Path archive = dir.resolve("learner.jsa");

        ClassData.writeLearnerArchive(LearnerProcess.classPath(), archive);

        assertEquals(List.of(), files(dir));
    }

    /** On jars only (as the launcher runs it), the archive is one a learner process maps: -Xshare:on fails otherwise. */
    @Test
    void theLearnerArchiveIsOneALearnerProcessStartsOn() throws Exception {
        List<String> classPath = jarsOnly();
        Path archive = dir.resolve("learner.jsa");

        ClassData.writeLearnerArchive(classPath, archive);

        assertTrue(Files.isRegularFile(archive), "an archive was written");
        Process host = new ProcessBuilder(LearnerProcess.command(classPath,
                List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive))).redirectErrorStream(true).start();
        try (OutputStream in = host.getOutputStream()) {
            in.flush(); // no input: the host says it is ready, then ends
        }
        String out = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(host.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, host.exitValue(), out);
        assertTrue(out.contains("\"op\":\"ready\""), out);
        assertFalse(Files.exists(dir.resolve("learner.classlist")), "the class list is removed");
    }

    /** The grader's archive: made in the cache folder once, found there the next time, and the processes run on it. */
    @Test
    void aKeptArchiveIsMadeOnceAndLearnerProcessesRunOnIt() throws Exception {
        List<String> jars = jarsOnly();
        try {
            ClassData.useKept(dir.resolve("cache"), jars);

            Path archive = ClassData.learnerArchive();
            assertTrue(archive != null && Files.isRegularFile(archive), "an archive is kept");
            assertTrue(archive.startsWith(dir.resolve("cache")));
            List<String> classPath = LearnerProcess.classPath();
            assertEquals(jars.size(), classPath.size());
            assertTrue(classPath.stream().allMatch(e -> Files.isRegularFile(Path.of(e))), "copies or the jars themselves");
            try (LearnerProcess process = LearnerProcess.start(60)) {
                process.load(Map.of(), Duration.ofSeconds(30));
                assertTrue(process.alive());
            }

            ClassData.forgetKept();
            long made = Files.getLastModifiedTime(archive).toMillis();
            Path stale = Files.createDirectories(dir.resolve("cache/learner-0123456789abcdef/jars"));
            Files.setLastModifiedTime(stale.getParent(), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
            Path recent = Files.createDirectories(dir.resolve("cache/learner-fedcba9876543210"));
            ClassData.useKept(dir.resolve("cache"), jars);
            assertEquals(archive, ClassData.learnerArchive(), "found again");
            assertEquals(made, Files.getLastModifiedTime(archive).toMillis(), "not made again");
            assertFalse(Files.exists(stale.getParent()), "an archive unused for two days goes");
            assertTrue(Files.exists(recent), "one used lately stays (another run may be on it)");
        } finally {
            ClassData.forgetKept();
        }
    }

    /** A class path that fails the JDK's dump keeps nothing: the processes start as before. */
    @Test
    void nothingIsKeptWhenTheArchiveCannotBeMade() {
        ClassData.useKept(dir.resolve("cache"), LearnerProcess.classPath()); // build folders: the JDK refuses

        assertNull(ClassData.keptClassPath());
    }

    /** This JVM's learner class path with each build folder packed into a jar: what an archive can be made for. */
    private List<String> jarsOnly() throws IOException {
        List<String> classPath = new ArrayList<>();
        for (String entry : LearnerProcess.classPath()) {
            Path p = Path.of(entry);
            classPath.add(Files.isDirectory(p) ? pack(p, dir.resolve(classPath.size() + "-classes.jar")).toString() : entry);
        }
        return classPath;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Path jar(Path jar, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return entries;
    }

    private static Path pack(Path folder, Path jar) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                entries.put(folder.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return jar(jar, entries);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
