package dev.kvlab.checks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.azure.core.http.HttpClient;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.kvlab.checks.learner.LearnerPool;
import dev.kvlab.checks.learner.LearnerProcess;
import dev.kvlab.checks.learner.Sandbox;
import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.ForbiddenApis;
import dev.kvlab.checks.support.LearnerCode;
import dev.kvlab.checks.support.LearnerSession;
import dev.kvlab.checks.support.Redaction;
import dev.kvlab.checks.support.RunContext;
import dev.kvlab.runtime.Diagnosis;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.LoopbackTransport;
import dev.kvlab.appconfig.LocalAppConfig;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Seed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Checks one exercise, in process: the API behind {@code ./jbang check} and the one the console and notebooks call.
 * It rebuilds the learner's file from the pristine exercise and the learner's regions, compiles it in memory,
 * refuses code that uses APIs the lab bans, then runs the exercise's check class with the JUnit Platform
 * Launcher — stage 1 on a local vault, stage 2 on the real vault when {@code KEY_VAULT_URL} is set.
 */
public final class Checks {
    /** The line printed when stage 2 does not run. */
    public static final String STAGE2_SKIPPED =
            "stage 2 (real vault) skipped: set KEY_VAULT_URL (see docs/setup.md) to run it";

    static final String SAFE_CODE = "uses only the APIs the lab allows";
    static final String SAFE_CODE_HINT = "use the SecretClient you are given and plain Java (collections, streams, "
            + "records); no System.exit, threads, reflection, files or sockets";

    /**
     * How to run the checks of one exercise.
     *
     * @param labRoot the lab checkout (holds {@code exercises/} and {@code solutions/})
     * @param file the learner's file; null = {@code exercises/<Exercise>.java} (or the solution)
     * @param solution grade {@code solutions/<Exercise>.java} instead
     * @param seed the seed of the random test data
     * @param timeout the time limit of each check
     * @param env decides whether stage 2 runs ({@code KEY_VAULT_URL} set); stage 2 itself signs in with this process's
     *     environment, as {@code DefaultAzureCredential} always does
     * @param results where results.json and the JUnit XML go; null = nowhere
     * @param learners where the run gets its learner process and hands it back (the grader keeps one per submission)
     */
    public record Options(Exercise exercise, Path labRoot, Path file, boolean solution, long seed, Duration timeout,
            Map<String, String> env, Path results, LearnerPool learners) {
        /** Defaults: the lab found from the current directory, a fresh seed, 10 s per check, this environment. */
        public static Options of(Exercise exercise) {
            return new Options(exercise, LabRoot.find(), null, false, new SecureRandom().nextInt(1_000_000),
                    Duration.ofSeconds(10), System.getenv(), null, LearnerPool.fresh());
        }

        public Options file(Path file) {
            return new Options(exercise, labRoot, file, solution, seed, timeout, env, results, learners);
        }

        public Options solution(boolean solution) {
            return new Options(exercise, labRoot, file, solution, seed, timeout, env, results, learners);
        }

        public Options seed(long seed) {
            return new Options(exercise, labRoot, file, solution, seed, timeout, env, results, learners);
        }

        public Options timeout(Duration timeout) {
            return new Options(exercise, labRoot, file, solution, seed, timeout, env, results, learners);
        }

        public Options env(Map<String, String> env) {
            return new Options(exercise, labRoot, file, solution, seed, timeout, env, results, learners);
        }

        public Options labRoot(Path labRoot) {
            return new Options(exercise, labRoot, file, solution, seed, timeout, env, results, learners);
        }

        public Options results(Path results) {
            return new Options(exercise, labRoot, file, solution, seed, timeout, env, results, learners);
        }

        public Options learners(LearnerPool learners) {
            return new Options(exercise, labRoot, file, solution, seed, timeout, env, results, learners);
        }

        boolean stage2() {
            String url = env == null ? null : env.get("KEY_VAULT_URL");
            return url != null && !url.isBlank();
        }
    }

    private Checks() {}

    /** Checks {@code file} (null: the exercise file itself) as {@code exercise} ("retrieve", "list", ...). */
    public static Report run(String exercise, Path file) {
        Exercise e = Exercise.named(exercise);
        if (e == null) {
            throw new IllegalArgumentException("no exercise " + exercise + ": use one of "
                    + String.join(", ", Exercise.ALL.stream().map(Exercise::alias).toList()));
        }
        return run(Options.of(e).file(file));
    }

    /** Checks as {@code options} say; never throws for anything the learner's file does. */
    public static Report run(Options options) {
        return run(options, progress -> {});
    }

    /** As {@link #run(Options)}, telling {@code progress} about each result as it comes. */
    public static Report run(Options o, Consumer<CheckResult> progress) {
        Exercise ex = o.exercise();
        Path pristinePath = o.labRoot().resolve("exercises").resolve(ex.fileName());
        Path path = o.file() != null ? o.file()
                : o.solution() ? o.labRoot().resolve("solutions").resolve(ex.fileName()) : pristinePath;
        String display = LabRoot.display(path);
        String refusal = Sandbox.refusal();
        if (refusal != null) {
            return problem(o, display, refusal);
        }
        Submission submission;
        String source;
        try {
            // The frame is the course's, carried inside the checks: never the learner's working copy.
            Submission pristine = Submission.parse(LabRoot.display(pristinePath), Frames.source(ex));
            if (o.solution() && o.file() == null) {
                // the course's own file: its frame is trusted; it only lives in another package
                source = read(path).replaceFirst("(?m)^package dev\\.kvlab\\.solutions;", "package dev.kvlab.exercises;");
                submission = Submission.parse(display, source);
            } else {
                submission = Submission.parse(display, read(path));
                submission.requireSameFrame(pristine);
                source = submission.splicedInto(pristine);
            }
        } catch (SubmissionRejected e) {
            return problem(o, display, e.getMessage());
        }

        // The learner's process starts while the judge compiles; the vault's start and the SDK's first call (TLS,
        // class loading) take as long as compiling: overlap them. A standby judge started both before the run.
        Ahead ahead = AHEAD.getAndSet(null);
        CompletableFuture<LearnerProcess> learner = ahead != null ? ahead.learners().take(CPU_SECONDS)
                : o.learners().take(CPU_SECONDS);
        CompletableFuture<WarmVault> vault = ahead != null ? ahead.vault()
                : CompletableFuture.supplyAsync(Checks::warmVault, daemon());
        Runnable abandon = () -> {
            vault.thenAccept(w -> w.vault().close());
            learner.thenAccept(o.learners()::giveBack);
        };
        Compilation compiled = Compilation.of(ex.learnerClass(), source);
        trace("compiled");
        if (!compiled.succeeded()) {
            abandon.run();
            return problem(o, display, compileErrors(compiled, submission));
        }
        for (String name : compiled.classes().keySet()) {
            if (!name.startsWith(FrameClassLoader.EXERCISES)) {
                abandon.run();
                return problem(o, display, display + ": class " + name + " is outside the package "
                        + "dev.kvlab.exercises; the checks only run the exercise's own classes.");
            }
        }
        if (!compiled.classes().containsKey(ex.learnerClass())) {
            abandon.run();
            return problem(o, display, display + ": no class " + ex.className() + " in this file.");
        }
        JavaClasses imported = importClasses(compiled.classes());
        trace("imported for ArchUnit");
        LearnerCode code = new LearnerCode(imported, display, line -> {
            Region r = submission.regionAt(line);
            return r == null ? null : r.name();
        });
        LearnerSession session = new LearnerSession(compiled.classes(), o.timeout(), CPU_SECONDS, o.learners(), learner);
        return new Run(o, display, submission, session, code, progress, vault).execute();
    }

    private static final long STARTED = System.nanoTime();
    private static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * {@code -Dkvlab.checks.no-gate=true}: skip the static API gate, for the project's own tests that prove the
     * sandbox holds by itself (the gate is a teaching layer; the learner's process is the wall).
     */
    static final String NO_GATE = "kvlab.checks.no-gate";

    /** CPU seconds the learner's process may use in one run, all checks together (ulimit, where prlimit exists). */
    private static final int CPU_SECONDS = 120;

    /** {@code -Dkvlab.checks.timing=true}: where a run spends its time, on standard error (for bench/check.sh). */
    static void trace(String what) {
        if (Boolean.getBoolean("kvlab.checks.timing")) {
            System.err.println("[timing] " + (System.nanoTime() - STARTED) / 1_000_000 + " ms " + what);
        }
    }

    /**
     * A started local vault (with the App Configuration store inside it, for the exercises on settings) that has
     * already answered one SDK call, and the HTTP client every check shares.
     */
    private record WarmVault(LocalAppConfig store, HttpClient http) {
        LocalVault vault() {
            return store.vault();
        }
    }

    /** What the next run takes instead of starting it: a warm vault and a learner process (see {@link Standby}). */
    private record Ahead(CompletableFuture<WarmVault> vault, LearnerPool learners) {}

    private static final java.util.concurrent.atomic.AtomicReference<Ahead> AHEAD =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Starts the next run's vault and learner process now, and returns once both are ready. */
    static void startAhead() {
        CompletableFuture<WarmVault> vault = CompletableFuture.supplyAsync(Checks::warmVault, daemon());
        LearnerPool learners = LearnerPool.withSpare(CPU_SECONDS);
        vault.join();
        AHEAD.set(new Ahead(vault, learners));
    }

    private static WarmVault warmVault() {
        LocalAppConfig store = LocalAppConfig.start();
        LocalVault vault = store.vault();
        HttpClient http = LoopbackTransport.httpClient(vault.caCertificatePem());
        try {
            Lab.builder(vault, Lab.LAB_USER).httpClient(http).buildClient().listPropertiesOfSecrets().iterator().hasNext();
        } catch (RuntimeException e) {
            // only a warm-up: the checks will meet the same problem and report it
        }
        trace("local vault started and warm");
        return new WarmVault(store, http);
    }

    private static Executor daemon() {
        return task -> {
            Thread t = new Thread(task, "kvlab-vault-start");
            t.setDaemon(true);
            t.start();
        };
    }

    private static Report problem(Options o, String display, String message) {
        Report report = new Report(o.exercise().alias(), display, o.seed(), List.of(), message,
                o.stage2() ? "stage 2 (real vault) not run: stage 1 could not run" : STAGE2_SKIPPED);
        if (o.results() != null) {
            ResultsFiles.write(report, o.results());
        }
        return report;
    }

    static String compileErrors(Compilation compiled, Submission submission) {
        List<String> lines = new ArrayList<>();
        for (Compilation.Error e : compiled.errors()) {
            int line = (int) e.line();
            Region in = submission.regionAt(line);
            String where;
            if (in != null) {
                where = " (region " + in.name() + ")";
            } else {
                Region before = submission.regionBefore(line);
                where = before == null ? "" : " (after region " + before.name()
                        + ": check its braces, parentheses and semicolons)";
            }
            lines.add(submission.displayPath() + ":" + line + where + ": " + e.message());
            if (lines.size() == 5) {
                break;
            }
        }
        int more = compiled.errors().size() - lines.size();
        return "does not compile: " + String.join("\n", lines) + (more > 0 ? "\n(" + more + " more errors)" : "");
    }

    private static String read(Path path) throws SubmissionRejected {
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new SubmissionRejected(LabRoot.display(path) + ": no such file");
        } catch (MalformedInputException e) {
            throw new SubmissionRejected(LabRoot.display(path) + ": not UTF-8 text; save it as UTF-8 and try again");
        } catch (IOException e) {
            throw new SubmissionRejected(LabRoot.display(path) + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /** ArchUnit reads class files from disk: a private temporary folder, deleted right after. */
    private static JavaClasses importClasses(Map<String, byte[]> classes) {
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kvlab-classes");
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                Path file = dir.resolve(c.getKey().replace('.', '/') + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, c.getValue());
            }
            return new ClassFileImporter().importPath(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the compiled classes to a temporary folder", e);
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary folder left behind is harmless
                }
            }
        }
    }

    /** One run of one exercise's checks, after it compiled. */
    private static final class Run {
        private final Options o;
        private final String display;
        private final Submission submission;
        private final LearnerCode code;
        private final Consumer<CheckResult> progress;
        private final FrameClassLoader loader;
        private final LearnerSession session;
        private final CompletableFuture<WarmVault> vault;
        private LocalVault localVault;

        Run(Options o, String display, Submission submission, LearnerSession session, LearnerCode code,
                Consumer<CheckResult> progress, CompletableFuture<WarmVault> vault) {
            this.session = session;
            this.vault = vault;
            this.o = o;
            this.display = display;
            this.submission = submission;
            this.code = code;
            this.progress = progress;
            // the check classes bind to the course's frame; the learner's classes only ever load in its own process
            this.loader = new FrameClassLoader(Frames::classBytes, Checks.class.getClassLoader());
        }

        Report execute() {
            Seed.LAB.secrets().forEach(s -> Redaction.remember(s.value()));
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return checks();
            } finally {
                thread.setContextClassLoader(before);
                session.close();
                vault.thenAccept(w -> w.vault().close());
            }
        }

        private Report checks() {
            Class<?> checkClass;
            try {
                checkClass = Class.forName(o.exercise().checkClass(), false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the checks of " + o.exercise().alias() + " are missing ("
                        + o.exercise().checkClass() + ")", e);
            }
            Launcher launcher = LauncherFactory.create();
            String id = "run-" + RUNS.incrementAndGet(); // runs in parallel (the grader) each have their own
            Stage one = new Stage(1, launcher, checkClass, id + "-1", "");
            List<Stage> stages = new ArrayList<>(List.of(one));
            Stage two = null;
            if (o.stage2()) {
                String prefix = "kvlab-check-" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffL) + "-";
                two = new Stage(2, launcher, checkClass, id + "-2", prefix);
                stages.add(two);
            }

            trace("check classes discovered");
            // Plan every check as not run first: whatever happens next, the results file lists them all.
            List<CheckResult> planned = new ArrayList<>();
            stages.forEach(s -> planned.addAll(s.planned));
            write(planned, null);

            // The gate before any of the learner's code runs; listed only when it refuses the code.
            List<CheckResult> results = new ArrayList<>();
            try {
                if (!Boolean.getBoolean(NO_GATE)) {
                    code.require(ForbiddenApis.rule(), "not allowed in the lab");
                }
                trace("gate passed");
            } catch (AssertionError e) {
                CheckResult refused = new CheckResult(SAFE_CODE, 0, CheckResult.Status.FAIL,
                        Feedback.clean(e.getMessage()), SAFE_CODE_HINT, null);
                results.add(refused);
                progress.accept(refused);
                for (CheckResult p : planned) {
                    CheckResult r = p.with(CheckResult.Status.NOT_RUN, "not run: the code uses an API the lab "
                            + "does not allow (see \"" + SAFE_CODE + "\")");
                    results.add(r);
                    progress.accept(r);
                }
                return finish(results, o.stage2() ? "stage 2 (real vault) not run" : STAGE2_SKIPPED);
            }
            results.addAll(one.execute());
            String stage2 = STAGE2_SKIPPED;
            if (two != null) {
                String unreachable = reachRealVault();
                if (unreachable == null) {
                    results.addAll(two.execute());
                    stage2 = null;
                } else {
                    stage2 = "stage 2 (real vault) could not run: " + unreachable;
                    for (CheckResult p : two.planned) {
                        results.add(p.with(CheckResult.Status.ERROR, "not run: " + unreachable));
                    }
                }
            }
            return finish(results, stage2);
        }

        /** Null when the vault in KEY_VAULT_URL answers a listing; else the one line saying what to do. */
        private String reachRealVault() {
            String url = o.env().get("KEY_VAULT_URL");
            try {
                Lab.builder().buildClient().listPropertiesOfSecrets().iterator().hasNext();
                return null;
            } catch (RuntimeException e) {
                URI vaultUrl;
                try {
                    vaultUrl = URI.create(url.strip());
                } catch (IllegalArgumentException bad) {
                    vaultUrl = null;
                }
                return Redaction.apply(Diagnosis.of(e, vaultUrl).replaceFirst("^Error: ", ""));
            }
        }

        private Report finish(List<CheckResult> results, String stage2) {
            return write(results, stage2);
        }

        private Report write(List<CheckResult> results, String stage2) {
            Report report = new Report(o.exercise().alias(), display, o.seed(), List.copyOf(results), null, stage2);
            if (o.results() != null) {
                ResultsFiles.write(report, o.results());
            }
            return report;
        }

        private Class<?> exerciseClass() {
            try {
                return Class.forName(o.exercise().learnerClass(), false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the frame of " + o.exercise().alias() + " is missing from the checks", e);
            }
        }

        private LocalVault localVault() {
            if (localVault == null) {
                localVault = vault.join().vault();
            }
            return localVault;
        }

        /** One stage's launcher request, plan and results. */
        private final class Stage {
            final int number;
            final Launcher launcher;
            final TestPlan plan;
            final RunContext context;
            final Map<String, Method> methods = new HashMap<>();
            final Map<String, CheckResult> byId = new LinkedHashMap<>();
            final List<CheckResult> planned = new ArrayList<>();

            Stage(int number, Launcher launcher, Class<?> checkClass, String id, String prefix) {
                this.number = number;
                this.launcher = launcher;
                for (Method m : checkClass.getDeclaredMethods()) {
                    methods.put(m.getName(), m);
                }
                context = new RunContext(id, o.seed(), number, o.timeout(), code, Run.this::localVault,
                        () -> vault.join().http(), prefix, session, exerciseClass(), () -> vault.join().store());
                LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(checkClass))
                        .configurationParameter(RunContext.PARAMETER, id)
                        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                        // a run's checks go in order on this thread, whatever junit-platform.properties is around
                        .configurationParameter("junit.jupiter.execution.parallel.enabled", "false");
                if (number == 2) {
                    request.filters(TagFilter.includeTags(Check.SHARED_VAULT));
                }
                LauncherDiscoveryRequest built = request.build();
                plan = launcher.discover(built);
                for (TestIdentifier test : tests()) {
                    Check check = check(test);
                    CheckResult r = new CheckResult(name(test), check == null ? 0 : check.task(),
                            CheckResult.Status.NOT_RUN, "not run: the check run stopped before this check",
                            check == null ? null : check.hint(), null);
                    byId.put(test.getUniqueId(), r);
                    planned.add(r);
                }
            }

            private List<TestIdentifier> tests() {
                List<TestIdentifier> tests = new ArrayList<>();
                collect(plan.getRoots(), tests);
                return tests;
            }

            private void collect(java.util.Set<TestIdentifier> ids, List<TestIdentifier> into) {
                for (TestIdentifier id : ids) {
                    if (id.isTest()) {
                        into.add(id);
                    }
                    collect(plan.getChildren(id), into);
                }
            }

            private String name(TestIdentifier test) {
                return number == 2 ? "real vault: " + test.getDisplayName() : test.getDisplayName();
            }

            private Check check(TestIdentifier test) {
                Optional<Method> m = test.getSource().filter(MethodSource.class::isInstance)
                        .map(s -> methods.get(((MethodSource) s).getMethodName()));
                return m.map(x -> x.getAnnotation(Check.class)).orElse(null);
            }

            List<CheckResult> execute() {
                Map<String, String> outputs = new HashMap<>();
                context.register();
                try {
                    launcher.execute(plan, new TestExecutionListener() {
                        @Override
                        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                            entry.getKeyValuePairs().forEach((k, v) -> {
                                if (k.equals(CheckExtension.OUTPUT)) {
                                    outputs.merge(test.getUniqueId(), v, String::concat);
                                }
                            });
                        }

                        @Override
                        public void executionSkipped(TestIdentifier test, String reason) {
                            finished(test, CheckResult.Status.NOT_RUN, "not run: " + reason, outputs);
                        }

                        @Override
                        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                            if (!test.isTest()) {
                                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                                    // a class-level failure: every check of it that did not finish says why
                                    String why = result.getThrowable().map(t -> Feedback.of(t, submission, "")
                                            .message()).orElse("failed");
                                    byId.replaceAll((k, r) -> r.status() == CheckResult.Status.NOT_RUN
                                            ? r.with(CheckResult.Status.ERROR, why) : r);
                                }
                                return;
                            }
                            Check check = check(test);
                            String region = check == null ? "" : check.region();
                            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                                finished(test, CheckResult.Status.PASS, region.isEmpty() ? "ok" : "region " + region,
                                        outputs);
                            } else {
                                Throwable t = result.getThrowable().orElse(new AssertionError("failed"));
                                Feedback.Verdict v = Feedback.of(t, submission, region);
                                if (v.status() == CheckResult.Status.ERROR && Verbose.on()) {
                                    t.printStackTrace();
                                }
                                finished(test, v.status(), v.message(), outputs);
                            }
                        }
                    });
                } finally {
                    context.unregister();
                }
                return new ArrayList<>(byId.values());
            }

            private void finished(TestIdentifier test, CheckResult.Status status, String message,
                    Map<String, String> outputs) {
                CheckResult planned = byId.get(test.getUniqueId());
                if (planned == null) {
                    return;
                }
                String output = Redaction.apply(outputs.get(test.getUniqueId()));
                CheckResult r = new CheckResult(planned.name(), planned.task(), status, Redaction.apply(message),
                        planned.hint(), output);
                byId.put(test.getUniqueId(), r);
                progress.accept(r);
            }
        }
    }

    /** {@code --verbose}: stack traces of the checks' own errors go to the terminal. */
    public static final class Verbose {
        private static volatile boolean on;

        private Verbose() {}

        public static void set(boolean value) {
            on = value;
        }

        static boolean on() {
            return on;
        }
    }
}
