package dev.kvlab.checks.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The launcher's class-data step: signed jars copied without their signatures, and the learner processes' archive. */
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
        List<String> classPath = new ArrayList<>();
        for (String entry : LearnerProcess.classPath()) {
            Path p = Path.of(entry);
            classPath.add(Files.isDirectory(p) ? pack(p, dir.resolve(classPath.size() + "-classes.jar")).toString() : entry);
        }
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
