package dev.kvlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./jbang} launcher itself: the lab's help where JBang would say "not found", and that nothing a learner's
 * code can write (the checkout, or the launcher's per-user cache) gets run by it.
 */
class LauncherTest {
    private static final Pattern ALIAS = Pattern.compile("\"([a-z0-9-]+)\":\\s*\\{\\s*\"script-ref\":\\s*\"([^\"]*)\"");

    @TempDir
    static Path scratch;

    @Test
    void withoutArgumentsItShowsTheLabsHelpWithEveryExerciseAndDoor() throws IOException {
        JBang.Run run = JBang.run();

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("cd " + ProjectCopy.root()), run::toString);
        for (String exercise : exerciseAliases()) {
            assertTrue(run.stdout().contains("  " + exercise + " "), "help lists exercise " + exercise + "\n" + run);
        }
        for (String door : List.of("./jbang <alias>-solution", "./jbang check <alias>", "./jbang console",
                "./jbang notebook <alias>", "./jbang vault")) {
            assertTrue(run.stdout().contains(door), "help names the door " + door + "\n" + run);
        }
        assertFalse(run.output().contains("jbang is a tool for building"), "the lab's help, not JBang's\n" + run);
    }

    @Test
    void anExerciseRunFromAnotherFolderSaysWhereToGo() throws IOException {
        Path elsewhere = Files.createDirectories(scratch.resolve("elsewhere"));

        JBang.Run run = JBang.runIn(elsewhere, null, Map.of(), "retrieve");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.errorLines().get(0).startsWith("Error: ./jbang retrieve runs from the lab's folder: cd "
                + ProjectCopy.root()), run::toString);
        assertTrue(run.stderr().contains("  retrieve "), "then the help with the exercises\n" + run);
        assertFalse(run.output().contains("could not be found"), "not JBang's message\n" + run);
    }

    @Test
    void anUnknownAliasNamesTheNearestOne() {
        JBang.Run run = JBang.run("retreive");

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("Error: the lab has no exercise or tool named 'retreive'. Did you mean: ./jbang retrieve",
                run.errorLines().get(0), run::toString);
        assertFalse(run.output().contains("could not be found"), "not JBang's message\n" + run);
    }

    /**
     * A learner's code once rewrote {@code .lab/cds/check.command}, which the launcher ran, and the next check of an
     * untouched stub passed. Files planted where the launcher used to keep its commands are now never read.
     */
    @Test
    void commandsPlantedInTheCheckoutAreNeverRun() throws Exception {
        Path marker = scratch.resolve("planted-ran");
        Path jar = plantedJar(ProjectCopy.root().resolve(".lab/planted.jar"), marker);
        Files.createDirectories(ProjectCopy.root().resolve(".lab/cds"));
        Files.writeString(ProjectCopy.root().resolve(".lab/cds/check.command"),
                "1\n2\ntouch " + marker + "; echo 'retrieve: 4 of 4 checks passed (planted)'; exit 0\n");
        Files.writeString(ProjectCopy.root().resolve(".lab/jbang.classpath"), jar + "\n");

        assertCheckHelp(marker); // the first run (installs the libraries) in the longer time the harness allows
        assertStubStillFails(marker);
    }

    /**
     * The kept java command of {@code ./jbang check} lives in a per-user folder outside the checkout; an entry changed
     * there (by anyone) is checked before use and replaced, never run.
     */
    @Test
    void aTamperedKeptCommandIsNeverRun() throws Exception {
        assertCheckHelp(scratch.resolve("unused")); // makes the kept command
        Path kept = keptCommand("check");
        List<String> lines = Files.readAllLines(kept);
        Path cacheFolder = kept.getParent();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFolder)));
        String inputs = lines.get(0);
        List<String> argv = lines.subList(2, lines.size());
        assertEquals("dev.kvlab.checks.CheckCommand", argv.get(argv.size() - 1), lines::toString);
        String classpath = argv.get(argv.size() - 2);

        Path marker = scratch.resolve("tampered-ran");
        Path inCheckout = plantedJar(ProjectCopy.root().resolve(".lab/tampered.jar"), marker);
        Path outside = plantedJar(scratch.resolve("tampered.jar"), marker);
        Path inRepository = plantedJar(PrivateRepository.repository().resolve("planted/planted.jar"), marker);

        // a shell instead of java
        write(kept, inputs, stamps(classpath), List.of("/bin/sh", "-c",
                "touch " + marker + "; echo 'retrieve: 4 of 4 checks passed (planted)'"));
        assertCheckHelp(marker);
        // a jar of the checkout first on the class path, its stamps recomputed
        write(kept, inputs, stamps(inCheckout + ":" + classpath), replaceLast(argv, 2, inCheckout + ":" + classpath));
        assertCheckHelp(marker);
        // a jar outside the Maven repository
        write(kept, inputs, stamps(outside + ":" + classpath), replaceLast(argv, 2, outside + ":" + classpath));
        assertCheckHelp(marker);
        // an agent: a JVM option that names a file
        List<String> withAgent = new ArrayList<>(argv);
        withAgent.add(1, "-javaagent:" + outside);
        write(kept, inputs, stamps(classpath), withAgent);
        assertCheckHelp(marker);
        // another main class, from a jar that does lie in the Maven repository
        List<String> otherMain = replaceLast(argv, 2, inRepository + ":" + classpath);
        otherMain.set(otherMain.size() - 1, "dev.kvlab.planted.Pass");
        write(kept, inputs, stamps(inRepository + ":" + classpath), otherMain);
        assertCheckHelp(marker);
        // and the check itself, through the command kept again
        assertStubStillFails(marker);

        List<String> again = Files.readAllLines(kept);
        assertEquals(argv, again.subList(2, again.size()), "the launcher kept JBang's command again");
    }

    /**
     * A check's class-data archive is made for a class path kept beside it (the signed Azure jars as unsigned copies
     * in the archive's folder); one that names anything else is never put on the judge's class path.
     */
    @Test
    void aTamperedArchiveClassPathIsNeverRun() throws Exception {
        assertStubStillFails(scratch.resolve("unused")); // a check run: the archive is made in the background
        Path listed = archivedClassPath();
        String archived = Files.readString(listed).strip();
        String folder = listed.toString().replaceFirst("\\.jsa\\.classpath$", "");
        assertTrue(archived.matches(".*(^|:)" + Pattern.quote(folder) + "/jars/\\d+-azure-core-[^/:]+\\.jar(:|$).*"),
                "azure-core as its unsigned copy: " + archived);
        assertTrue(Files.isRegularFile(Path.of(folder, "learner.jsa")), "the learner processes' archive");

        Path marker = scratch.resolve("archived-ran");
        Path planted = plantedJar(scratch.resolve("archived.jar"), marker);
        // a jar put first
        Files.writeString(listed, planted + ":" + archived + "\n");
        assertCheckHelp(marker);
        // a copy's name, in another folder
        Matcher copy = Pattern.compile(Pattern.quote(folder) + "/jars/(\\d+-azure-core-[^/:]+\\.jar)").matcher(archived);
        assertTrue(copy.find());
        Path lookalike = Files.createDirectories(scratch.resolve("jars")).resolve(copy.group(1));
        Files.copy(planted, lookalike);
        Files.writeString(listed, archived.replace(copy.group(), lookalike.toString()) + "\n");
        assertCheckHelp(marker);
        assertStubStillFails(marker);
        // and that check, run without the archive, had it made again: later checks start fast again
        assertEquals(archived, remadeClassPath(listed, scratch.toString()));
    }

    /** The archive's class path once the background job has made it again without {@code gone} (at most 2 min). */
    private static String remadeClassPath(Path listed, String gone) throws IOException, InterruptedException {
        String remade = FolderWatch.await(listed.getParent(), Duration.ofMinutes(2), () -> {
            String text = Files.exists(listed) ? Files.readString(listed) : "";
            return text.endsWith("\n") && !text.contains(gone) ? text.strip() : null;
        });
        if (remade == null) {
            throw new AssertionError("the tampered archive was not made again after 2 minutes: "
                    + (Files.exists(listed) ? Files.readString(listed) : "no class path file"));
        }
        return remade;
    }

    /** The class path file of the check's archive, once the background job has made the archive (at most 2 min). */
    private static Path archivedClassPath() throws IOException, InterruptedException {
        Path cds = keptCommand("check").resolveSibling("cds");
        Path archive = FolderWatch.await(cds, Duration.ofMinutes(2), () -> { // the job moves the finished archive in
            try (Stream<Path> files = Files.list(cds)) {
                List<Path> archives = files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
                return archives.size() == 1 ? archives.get(0) : null;
            }
        });
        if (archive == null) {
            throw new AssertionError("no class-data archive under " + cds + " after 2 minutes");
        }
        return archive.resolveSibling(archive.getFileName() + ".classpath");
    }

    /**
     * {@code ./jbang check --help}: the check's own usage, and nothing planted ran. The cheap way through the same
     * kept command (its arguments aside) as a check, for each tampering.
     */
    private static void assertCheckHelp(Path marker) {
        JBang.Run run = JBang.run("check", "--help");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().startsWith("Usage: check "), run::toString);
        assertFalse(run.output().contains("(planted)"), run::toString);
        assertFalse(Files.exists(marker), "planted code ran\n" + run);
    }

    /** {@code ./jbang check retrieve} on the untouched stub: fails, and nothing planted ran. */
    private static void assertStubStillFails(Path marker) {
        JBang.Run run = JBang.run("check", "retrieve");
        assertNotEquals(0, run.exitCode(), run::toString);
        assertTrue(run.output().contains("RETRIEVE_SECRETS"), "the check ran on the stub\n" + run);
        assertFalse(run.output().contains("(planted)"), run::toString);
        assertFalse(Files.exists(marker), "planted code ran\n" + run);
    }

    private static Path keptCommand(String tool) throws IOException {
        try (Stream<Path> files = Files.walk(PrivateRepository.home().resolve(".cache/kvlab"))) {
            return files.filter(f -> f.getFileName().toString().equals(tool + ".launch")).findFirst().orElseThrow(
                    () -> new AssertionError("no kept command for " + tool + " under ~/.cache/kvlab"));
        }
    }

    private static void write(Path kept, String inputs, String stamps, List<String> argv) throws IOException {
        List<String> lines = new ArrayList<>(List.of(inputs, stamps));
        lines.addAll(argv);
        Files.write(kept, lines);
    }

    private static List<String> replaceLast(List<String> argv, int fromEnd, String value) {
        List<String> copy = new ArrayList<>(argv);
        copy.set(copy.size() - fromEnd, value);
        return copy;
    }

    /** The launcher's stamp of a class path (size and time of each jar), computed as it does. */
    private static String stamps(String classpath) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", "out=''; IFS=:; for e in $1; do out+=\"$(stat -c '%n %s %Y' -- \"$e\")\"$'\\n'; done;"
                + " printf '%s' \"$out\" | cksum | tr -d ' '", "stamps", classpath).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, bash.waitFor());
        return out;
    }

    /**
     * A jar whose every entry point (the check's and JBang's main class, a main of its own, an agent) leaves
     * {@code marker} and claims a pass: what a learner's code would plant.
     */
    private static Path plantedJar(Path jar, Path marker) throws IOException {
        Path sources = Files.createTempDirectory(scratch, "planted-src");
        Path classes = Files.createTempDirectory(scratch, "planted-classes");
        List<String> files = new ArrayList<>();
        for (String name : List.of("dev.kvlab.checks.CheckCommand", "dev.jbang.Main", "dev.kvlab.planted.Pass")) {
            int dot = name.lastIndexOf('.');
            String simple = name.substring(dot + 1);
            Path source = sources.resolve(name.replace('.', '/') + ".java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package " + name.substring(0, dot) + ";\npublic class " + simple + " {\n"
                    + "  public static void main(String[] args) throws Exception { act(); System.exit(0); }\n"
                    + "  public static void premain(String args) throws Exception { act(); }\n"
                    + "  static void act() throws Exception {\n"
                    + "    java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker + "\"), \"ran\");\n"
                    + "    System.out.println(\"retrieve: 4 of 4 checks passed (planted)\");\n  }\n}\n");
            files.add(source.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        args.addAll(files);
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", "dev.kvlab.planted.Pass");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    private static List<String> exerciseAliases() throws IOException {
        List<String> aliases = new ArrayList<>();
        Matcher m = ALIAS.matcher(Files.readString(ProjectCopy.root().resolve("jbang-catalog.json")));
        while (m.find()) {
            if (m.group(2).startsWith("exercises/")) {
                aliases.add(m.group(1));
            }
        }
        assertFalse(aliases.isEmpty());
        return aliases;
    }
}
