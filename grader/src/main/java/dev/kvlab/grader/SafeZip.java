package dev.kvlab.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a learner's zip without trusting it: every entry's name and type is checked before anything is
 * written (no {@code ..}, no absolute path, no symbolic link), only the files grading can use are inflated,
 * and sizes are counted as actually inflated, so a zip bomb stops at the cap whatever its headers claim.
 */
final class SafeZip {
    static final long MAX_ZIP_BYTES = 64L << 20;
    static final int MAX_ENTRIES = 10_000;
    static final long MAX_FILE_BYTES = 1L << 20;
    static final long MAX_TOTAL_BYTES = 16L << 20;

    /** Why the zip was refused; the message is the learner's row. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private SafeZip() {}

    /** Unpacks the entries grading needs ({@code .java} files, {@code pom.xml}) of {@code zip} into {@code into}. */
    static void unpack(Path zip, Path into) throws Refused, IOException {
        if (Files.size(zip) > MAX_ZIP_BYTES) {
            throw new Refused("the zip is larger than " + (MAX_ZIP_BYTES >> 20) + " MB");
        }
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> entries = Collections.list(file.getEntries());
            if (entries.size() > MAX_ENTRIES) {
                throw new Refused("the zip holds " + entries.size() + " entries, more than " + MAX_ENTRIES);
            }
            for (ZipArchiveEntry e : entries) {
                check(e);
            }
            long total = 0;
            for (ZipArchiveEntry e : entries) {
                String name = e.getName().replace('\\', '/');
                if (e.isDirectory() || !wanted(name)) {
                    continue;
                }
                if (e.getSize() > MAX_FILE_BYTES) {
                    throw new Refused("zip entry " + name + " claims " + e.getSize() + " bytes, more than an "
                            + "exercise file may have (" + (MAX_FILE_BYTES >> 10) + " KB)");
                }
                Path target = into.resolve(name).normalize();
                if (!target.startsWith(into)) {
                    throw new Refused("zip entry " + name + " would be written outside the submission's folder");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
                    total += copyCapped(in, out, name, MAX_TOTAL_BYTES - total);
                }
            }
        } catch (IOException e) {
            if (e.getCause() instanceof Refused r) {
                throw r;
            }
            throw new Refused("not a readable zip (" + e.getMessage() + ")");
        }
    }

    private static void check(ZipArchiveEntry e) throws Refused {
        String name = e.getName().replace('\\', '/');
        if (e.isUnixSymlink()) {
            throw new Refused("zip entry " + name + " is a symbolic link; zip the files themselves");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new Refused("zip entry " + name + " has an absolute path; zip the folder with relative paths");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new Refused("zip entry " + name + " climbs out of the folder (..); zip the folder itself");
            }
        }
        if (name.indexOf('\0') >= 0) {
            throw new Refused("zip entry with a NUL character in its name");
        }
    }

    /** The files grading reads; everything else in a zipped checkout is never inflated. */
    static boolean wanted(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".java") || lower.equals("pom.xml") || lower.endsWith("/pom.xml");
    }

    private static long copyCapped(InputStream in, OutputStream out, String name, long totalLeft)
            throws IOException, Refused {
        byte[] buffer = new byte[8192];
        long copied = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            copied += n;
            if (copied > MAX_FILE_BYTES) {
                throw new Refused("zip entry " + name + " inflates to more than " + (MAX_FILE_BYTES >> 10)
                        + " KB: a zip bomb, or not an exercise file");
            }
            if (copied > totalLeft) {
                throw new Refused("the zip inflates to more than " + (MAX_TOTAL_BYTES >> 20) + " MB of source files");
            }
            out.write(buffer, 0, n);
        }
        return copied;
    }
}
