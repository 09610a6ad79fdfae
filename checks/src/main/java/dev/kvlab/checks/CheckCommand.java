package dev.kvlab.checks;

import dev.kvlab.checks.learner.Sandbox;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./jbang check <exercise|all>}: checks an exercise and prints a line per check; exit 0 only if all passed. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check your exercise: rebuilds it from the exercise and your regions, then runs its checks "
                + "on a local vault (stage 1) and, when KEY_VAULT_URL is set, on that vault (stage 2).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every check ran and passed", "1:a check failed or could not run", "2:usage error"})
public final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXERCISE", description = "retrieve, list, rotate, cache, versions, ... or all")
    String exercise;

    @Option(names = "--file", paramLabel = "PATH", description = "check this copy instead of exercises/<Exercise>.java")
    Path file;

    @Option(names = "--solution", description = "check the reference solution (solutions/<Exercise>.java)")
    boolean solution;

    @Option(names = "--results", paramLabel = "DIR",
            description = "where results.json and the JUnit XML go (default: results/<exercise>/)")
    Path results;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the random test data (to replay a run)")
    Long seed;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "time limit of each check (default: 10)")
    int timeout = 10;

    @Option(names = "--hint", description = "show the code-level hint under each failed check (otherwise shown "
            + "after a check failed " + Hints.AFTER + " runs in a row)")
    boolean hint;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--standby")) {
            System.exit(Standby.run(args)); // started by the launcher, ahead of the next check
        }
        System.exit(execute(args));
    }

    /** Runs the command and returns its exit status (used by tests instead of exiting). */
    public static int execute(String... args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(new CheckCommand());
        cli.setOut(new java.io.PrintWriter(out, true));
        // one line, not picocli's usage page: what was wrong and where to read more
        cli.setParameterExceptionHandler((e, args2) -> {
            System.err.println("Error: " + e.getMessage() + ". Run ./jbang check --help for the options.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            System.err.println("Error: " + e.getMessage());
            if (((CheckCommand) line.getCommand()).verbose) {
                e.printStackTrace();
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        Checks.Verbose.set(verbose);
        List<Exercise> exercises = new ArrayList<>();
        if (exercise.equals("all")) {
            exercises.addAll(Exercise.ALL);
        } else if (Exercise.named(exercise) != null) {
            exercises.add(Exercise.named(exercise));
        } else {
            throw new CommandLine.ParameterException(spec.commandLine(), "no exercise '" + exercise
                    + "': use " + String.join(", ", Exercise.ALL.stream().map(Exercise::alias).toList()) + " or all");
        }
        if (file != null && exercises.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--file checks one exercise, not all");
        }
        if (timeout < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ConsoleReport console = new ConsoleReport(out, utf8Terminal());
        Path root = LabRoot.find();
        boolean allPassed = true;
        for (Exercise e : exercises) {
            Checks.Options options = Checks.Options.of(e).labRoot(root).file(file).solution(solution)
                    .timeout(Duration.ofSeconds(timeout));
            if (seed != null) {
                options = options.seed(seed);
            }
            Path dir = results != null ? (exercises.size() > 1 ? results.resolve(e.alias()) : results)
                    : root.resolve("results").resolve(e.alias());
            options = options.results(dir);
            console.header(e.alias(), displayed(options), options.seed());
            console.hints(Hints.of(root, e, hint));
            Report report = Checks.run(options, console::result);
            console.footer(report, LabRoot.display(dir.resolve("results.json")));
            allPassed &= report.passed();
        }
        if (!Sandbox.enabled()) {
            out.println(Sandbox.NOT_SANDBOXED);
        }
        return allPassed ? 0 : 1;
    }

    private static String displayed(Checks.Options o) {
        Path path = o.file() != null ? o.file()
                : o.labRoot().resolve(o.solution() ? "solutions" : "exercises").resolve(o.exercise().fileName());
        return LabRoot.display(path);
    }

    /** ✓ and ✗ where the terminal shows them; PASS/FAIL elsewhere (and when NO_COLOR-style plain output is asked). */
    private static boolean utf8Terminal() {
        String encoding = System.getProperty("native.encoding", System.getProperty("file.encoding", ""));
        return encoding.toUpperCase(java.util.Locale.ROOT).contains("UTF") && System.getenv("KVLAB_PLAIN") == null;
    }
}
