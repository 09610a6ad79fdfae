package dev.kvlab.grader;

import dev.kvlab.checks.Checks;
import dev.kvlab.checks.Exercise;
import dev.kvlab.checks.LabRoot;
import dev.kvlab.checks.learner.ClassData;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./jbang grade}: grades a class's submissions, keeps the gradebook, writes the reports. */
@Command(name = "grade", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Grade a class: every submission in SUBMISSIONS (a folder per learner: a lab checkout or a "
                + "folder of exercise files, a .zip of either, or a git bundle) through the same checks as "
                + "./jbang check, each on a fresh local vault, in a sandbox.",
            "Writes DIR/<learner>/ (results.json, JUnit XML, feedback.html), DIR/grades.csv, DIR/report.html and "
                + "the gradebook DIR/gradebook.sqlite; a regrade grades only the files that changed."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the run finished (whatever the learners' results)", "1:the run could not grade",
            "2:usage error"})
public final class GradeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SUBMISSIONS", arity = "0..*",
            description = "the folder of submissions (with --merge: the shards' output folders)")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "where the results and the gradebook go (default: grades)")
    Path out = Path.of("grades");

    @Option(names = "--jobs", paramLabel = "N", description = "exercises graded at once (default: the CPU count + 1)")
    Integer jobs;

    @Option(names = "--exercises", paramLabel = "a,b", split = ",",
            description = "grade only these exercises (default: all)")
    List<String> exercises;

    @Option(names = "--shard", paramLabel = "I/N", description = "grade the I-th of N stable slices of the class")
    String shard;

    @Option(names = "--seed", paramLabel = "S",
            description = "seed of the checks' random test data (default: a new one)")
    Long seed;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "time limit of each check (default: 10)")
    int timeout = 10;

    @Option(names = "--no-sandbox", description = "run learner code without the sandbox (only for code you trust)")
    boolean noSandbox;

    @Option(names = "--regrade", description = "grade every file again, even those the gradebook already graded")
    boolean regrade;

    @Option(names = "--report", description = "rebuild the reports in DIR from its gradebook; grade nothing")
    boolean report;

    @Option(names = "--merge", description = "join the gradebooks of the shard folders given into DIR, then report")
    boolean merge;

    @Option(names = "--gradescope-package", paramLabel = "OUT.zip",
            description = "write Gradescope's autograder zip (setup.sh, run_autograder and the lab)")
    Path gradescopePackage;

    @Option(names = "--gradescope-run", paramLabel = "ROOT", hidden = true,
            description = "run_autograder: grade ROOT/submission into ROOT/results/results.json")
    Path gradescopeRun;

    @Option(names = "--plain", description = "plain progress lines, no progress bar")
    boolean plain;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream stdout;
    private final Clock clock;

    GradeCommand(PrintStream stdout, Clock clock) {
        this.stdout = stdout;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command and returns its exit status (used by tests instead of exiting). */
    public static int execute(String... args) {
        return execute(new PrintStream(System.out, true, StandardCharsets.UTF_8), Clock.systemUTC(), args);
    }

    static int execute(PrintStream out, Clock clock, String... args) {
        CommandLine cli = new CommandLine(new GradeCommand(out, clock));
        cli.setOut(new PrintWriter(out, true));
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("Error: " + e.getMessage() + ". Run ./jbang grade --help for the options.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            System.err.println("Error: " + e.getMessage());
            if (((GradeCommand) line.getCommand()).verbose) {
                e.printStackTrace();
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        Checks.Verbose.set(verbose);
        int modes = (report ? 1 : 0) + (merge ? 1 : 0) + (gradescopePackage != null ? 1 : 0)
                + (gradescopeRun != null ? 1 : 0);
        if (modes > 1) {
            throw usage("--report, --merge, --gradescope-package and --gradescope-run go one at a time");
        }
        Path root = LabRoot.find();
        System.setProperty("kvlab.root", root.toString());
        if (gradescopePackage != null) {
            int files = Gradescope.writePackage(root, gradescopePackage);
            stdout.println("Wrote " + gradescopePackage + " (" + files + " files): upload it as the assignment's "
                    + "autograder on Gradescope (see docs/instructors.md).");
            return 0;
        }
        Course course = new Course(root);
        if (report) {
            requireGradebook(out);
            try (Gradebook book = Gradebook.open(out.resolve(Gradebook.FILE))) {
                summary(new ClassReport(course).write(book, out), "Rebuilt");
            }
            return 0;
        }
        if (merge) {
            if (paths.isEmpty()) {
                throw usage("--merge needs the shards' output folders");
            }
            try (Gradebook book = Gradebook.open(out.resolve(Gradebook.FILE))) {
                for (Path shardDir : paths) {
                    Path file = Files.isDirectory(shardDir) ? shardDir.resolve(Gradebook.FILE) : shardDir;
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalArgumentException("no gradebook at " + file + ": name the --out folder of "
                                + "each shard");
                    }
                    int runs = book.merge(file);
                    stdout.println("Merged " + runs + " run" + (runs == 1 ? "" : "s") + " from " + file);
                }
                summary(new ClassReport(course).write(book, out), "Merged");
            }
            return 0;
        }
        List<Exercise> chosen = chosenExercises();
        int[] slice = slice();
        // one more than the cores: a submission waiting for its learner process or the vault leaves a core idle
        // (100 learners on 2 cores: 65-70 s with 2 jobs, 59-60 s with 3)
        int workers = jobs == null ? Runtime.getRuntime().availableProcessors() + 1 : jobs;
        if (workers < 1) {
            throw usage("--jobs must be at least 1");
        }
        if (timeout < 1) {
            throw usage("--timeout must be at least 1 second");
        }
        String sandbox = noSandbox ? "off" : "required";
        String missing = sandboxMissing(sandbox, System.getenv("PATH"));
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        System.setProperty("kvlab.sandbox", sandbox);
        long runSeed = seed != null ? seed : new SecureRandom().nextInt(1_000_000);
        if (gradescopeRun != null) {
            return gradescope(course, chosen, workers, runSeed, sandbox);
        }
        if (paths.size() != 1) {
            throw usage(paths.isEmpty() ? "name the folder of submissions" : "name one folder of submissions");
        }
        Path submissions = paths.get(0);
        if (!Files.isDirectory(submissions)) {
            throw new IllegalArgumentException("no folder " + submissions + ": name the folder that holds one entry "
                    + "per learner");
        }
        Path work = Files.createTempDirectory("kvlab-grade-");
        try (Gradebook book = Gradebook.open(out.resolve(Gradebook.FILE))) {
            List<Submission> taken = intake(submissions, work, course, slice);
            if (taken.size() >= KEEP_ARCHIVE_FROM) {
                ClassData.useKept(cacheFolder());
            }
            stdout.println("Grading " + taken.size() + " submission" + (taken.size() == 1 ? "" : "s") + " of "
                    + submissions + " (" + String.join(", ", chosen.stream().map(Exercise::alias).toList())
                    + (shard != null ? "; shard " + shard : "") + "; seed " + runSeed + "; " + workers + " at a time"
                    + (noSandbox ? "; no sandbox" : "") + ")");
            Grader.Outcome outcome = new Grader(course, book, clock).grade(taken,
                    new Grader.Plan(chosen, workers, runSeed, regrade, shard, sandbox, Duration.ofSeconds(timeout)),
                    Progress.to(stdout, !plain && terminal()));
            if (outcome.fatal() != null) {
                throw new IllegalStateException(outcome.fatal());
            }
            stdout.println("Graded " + outcome.graded() + " exercise file" + (outcome.graded() == 1 ? "" : "s")
                    + "; " + outcome.reused() + " unchanged since an earlier run, taken from the gradebook.");
            summary(new ClassReport(course).write(book, out), "Wrote");
        } finally {
            delete(work);
        }
        return 0;
    }

    /** From this many submissions on, the learner processes' class-data archive saves more than it costs to make. */
    private static final int KEEP_ARCHIVE_FROM = 8;

    /** The per-user cache folder (XDG's), where the learner processes' archive is kept between runs. */
    static Path cacheFolder() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("kvlab");
    }

    private Integer gradescope(Course course, List<Exercise> chosen, int workers, long runSeed, String sandbox)
            throws IOException {
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("kvlab-gradescope-");
        try (Gradebook book = Gradebook.open(work.resolve(Gradebook.FILE))) {
            Path submission = gradescopeRun.resolve("submission");
            Submission taken = Files.isDirectory(submission)
                    ? new Intake(work.resolve("unpacked"), course.version()).take(submission)
                    : Submission.refused("submission", submission, "no folder " + submission);
            Grader.Outcome outcome = new Grader(course, book, clock).grade(List.of(taken),
                    new Grader.Plan(chosen, workers, runSeed, true, null, sandbox, Duration.ofSeconds(timeout)),
                    Progress.to(stdout, false));
            if (outcome.fatal() != null) {
                throw new IllegalStateException(outcome.fatal());
            }
            Gradebook.Learner learner = book.learners().get(0);
            Path results = gradescopeRun.resolve("results").resolve("results.json");
            Gradescope.writeResults(Gradescope.results(learner, chosen, (System.nanoTime() - started) / 1e9), results);
            stdout.println("Wrote " + results);
        } finally {
            delete(work);
        }
        return 0;
    }

    /** Every entry of the folder (and every roster learner without one), in name order, this shard's only. */
    private List<Submission> intake(Path submissions, Path work, Course course, int[] slice) throws IOException {
        Intake intake = new Intake(work, course.version());
        Map<String, Submission> byLearner = new LinkedHashMap<>();
        List<Path> entries;
        try (Stream<Path> s = Files.list(submissions)) {
            entries = s.filter(Intake::isSubmission).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
        for (Path entry : entries) {
            String learner = Intake.learnerOf(entry);
            if (!Shard.holds(learner, slice)) {
                continue;
            }
            if (byLearner.containsKey(learner)) {
                byLearner.put(learner, Submission.refused(learner, entry, "two entries for " + learner + " ("
                        + byLearner.get(learner).entry().getFileName() + ", " + entry.getFileName()
                        + "): keep one"));
                continue;
            }
            byLearner.put(learner, intake.take(entry));
        }
        for (String learner : Roster.read(submissions)) {
            if (Shard.holds(learner, slice) && !byLearner.containsKey(learner)) {
                byLearner.put(learner, Submission.refused(learner, submissions.resolve(learner),
                        "handed in nothing (on the roster, no entry in the submissions folder)"));
            }
        }
        return byLearner.values().stream().sorted(Comparator.comparing(Submission::learner)).toList();
    }

    private void summary(List<Gradebook.Learner> learners, String verb) {
        stdout.println(verb + " " + out.resolve("grades.csv") + ", " + out.resolve("report.html") + " and the files of "
                + learners.size() + " learner" + (learners.size() == 1 ? "" : "s") + " in " + out + "/");
    }

    private List<Exercise> chosenExercises() {
        if (exercises == null || exercises.isEmpty()) {
            return Exercise.ALL;
        }
        List<Exercise> chosen = new ArrayList<>();
        for (String name : exercises) {
            Exercise e = Exercise.named(name.strip());
            if (e == null) {
                throw usage("no exercise '" + name.strip() + "': use "
                        + String.join(", ", Exercise.ALL.stream().map(Exercise::alias).toList()));
            }
            if (!chosen.contains(e)) {
                chosen.add(e);
            }
        }
        return Exercise.ALL.stream().filter(chosen::contains).toList();
    }

    private int[] slice() {
        if (shard == null) {
            return null;
        }
        int[] slice = Shard.parse(shard);
        if (slice == null) {
            throw usage("--shard takes I/N with 1 <= I <= N, e.g. --shard 2/4");
        }
        return slice;
    }

    /** Null when the sandbox can run (or is off); else the one line saying what to do. */
    static String sandboxMissing(String sandbox, String path) {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (!sandbox.equals("required") || !linux) {
            return null;
        }
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "bwrap"))) {
                    return null;
                }
            }
        }
        return "grading runs every submission in a sandbox, which needs bubblewrap (bwrap), and it is not installed: "
                + "install it (apt-get install bubblewrap), or pass --no-sandbox to grade code you trust without it";
    }

    private void requireGradebook(Path dir) {
        if (!Files.isRegularFile(dir.resolve(Gradebook.FILE))) {
            throw new IllegalArgumentException("no gradebook in " + dir + ": grade the class first, or name its "
                    + "--out folder");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static boolean terminal() {
        return System.console() != null && System.getenv("KVLAB_PLAIN") == null
                && !"dumb".equals(System.getenv("TERM"));
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
