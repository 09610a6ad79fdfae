package dev.kvlab.grader;

import dev.kvlab.checks.CheckResult;
import dev.kvlab.checks.Checks;
import dev.kvlab.checks.Exercise;
import dev.kvlab.checks.LabRoot;
import dev.kvlab.checks.Report;
import dev.kvlab.checks.learner.LearnerPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Grades a class: every exercise of every submission through the checks' own {@link Checks#run} (the sealed
 * frame, the sandbox, a fresh local vault per run), {@code jobs} at a time, each grade written to the gradebook as
 * it comes. A submission's exercises share its learner process (see {@link LearnerPool}), never another's. A file
 * the gradebook already graded under the same check version is copied, not graded again.
 */
final class Grader {
    /** What a run is asked to do. */
    record Plan(List<Exercise> exercises, int jobs, long seed, boolean regrade, String shard, String sandbox,
            Duration timeout) {}

    /** What a run did: its id in the gradebook, how many exercises it graded and copied, and a fatal error if any. */
    record Outcome(long runId, int graded, int reused, String fatal) {}

    static final int SOURCE_CAP = 256 * 1024;

    private final Course course;
    private final Gradebook book;
    private final Clock clock;

    Grader(Course course, Gradebook book, Clock clock) {
        this.course = course;
        this.book = book;
        this.clock = clock;
    }

    Outcome grade(List<Submission> submissions, Plan plan, Progress progress) {
        long runId = book.startRun(UUID.randomUUID().toString(), clock.instant().toString(), course.version(),
                plan.shard(), plan.seed(), plan.sandbox(),
                plan.exercises().stream().map(Exercise::alias).collect(Collectors.joining(",")));
        AtomicInteger graded = new AtomicInteger();
        AtomicInteger reused = new AtomicInteger();
        AtomicReference<String> fatal = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(plan.jobs(), r -> {
            Thread t = new Thread(r, "kvlab-grade");
            t.setDaemon(true);
            return t;
        });
        progress.start(submissions.size());
        // enough submissions to keep every job busy: each job grades a whole submission, so its exercises share one
        // learner process; fewer (a Gradescope run grades one), and its exercises are graded side by side instead
        boolean inTurn = submissions.size() >= plan.jobs();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        try {
            for (Submission s : submissions) {
                if (s.isRefused()) {
                    String status = "refused: " + s.refused();
                    for (Exercise e : plan.exercises()) {
                        Report nothing = new Report(e.alias(), "", plan.seed(), List.of(), status,
                                Checks.STAGE2_SKIPPED);
                        book.record(runId, s.learner(), e.alias(), null, course.checkVersion(e), plan.seed(), nothing,
                                course.points(e), null, clock.instant().toString(), null);
                    }
                    book.recordSubmission(runId, s.learner(), s.entry().getFileName().toString(), status);
                    progress.done(s.learner(), status, false);
                    continue;
                }
                List<CompletableFuture<String>> parts = new ArrayList<>();
                AtomicBoolean passed = new AtomicBoolean(true);
                // this submission's learner processes: none ever runs another submission's code
                LearnerPool learners = LearnerPool.forOneSubmission();
                List<Runnable> toGrade = new ArrayList<>();
                for (Exercise e : plan.exercises()) {
                    Path file = s.files().get(e);
                    if (file == null) {
                        Report missing = new Report(e.alias(), "", plan.seed(), List.of(),
                                "not handed in: no " + e.fileName(), Checks.STAGE2_SKIPPED);
                        book.record(runId, s.learner(), e.alias(), null, course.checkVersion(e), plan.seed(), missing,
                                course.points(e), null, clock.instant().toString(), null);
                        passed.set(false);
                        parts.add(CompletableFuture.completedFuture("not handed in: " + e.alias()));
                        continue;
                    }
                    byte[] bytes = Files.readAllBytes(file);
                    String hash = Course.sha256(bytes);
                    Gradebook.Grade before = plan.regrade() ? null
                            : book.reusable(s.learner(), e.alias(), hash, course.checkVersion(e));
                    if (before != null) {
                        book.record(runId, s.learner(), e.alias(), hash, before.checkVersion(), before.seed(),
                                before.report(), before.maxScore(), before.source(), before.gradedAt(),
                                before.reusedFrom() != null ? before.reusedFrom() : before.id());
                        reused.incrementAndGet();
                        if (!before.report().passed()) {
                            passed.set(false);
                        }
                        parts.add(CompletableFuture.completedFuture(note(e, before.report())));
                        continue;
                    }
                    CompletableFuture<String> part = new CompletableFuture<>();
                    parts.add(part);
                    toGrade.add(() -> {
                        try {
                            part.complete(gradeOne(runId, s, e, file, bytes, hash, plan, learners, passed, graded,
                                    fatal));
                        } catch (RuntimeException | Error failure) {
                            part.completeExceptionally(failure);
                        }
                    });
                }
                if (inTurn) {
                    // the submission's exercises one after the other: one learner process, kept warm between them
                    pool.execute(() -> toGrade.forEach(Runnable::run));
                } else {
                    toGrade.forEach(pool::execute);
                }
                all.add(CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                        .whenComplete((done, failure) -> learners.close()).thenRun(() -> {
                    List<String> notes = new ArrayList<>();
                    parts.forEach(p -> {
                        String n = p.join();
                        if (n != null) {
                            notes.add(n);
                        }
                    });
                    notes.addAll(s.notes());
                    String status = fatal.get() != null ? "not graded: " + fatal.get()
                            : notes.isEmpty() ? "graded" : "graded; " + String.join("; ", notes);
                    book.recordSubmission(runId, s.learner(), s.entry().getFileName().toString(), status);
                    progress.done(s.learner(), status, passed.get() && status.equals("graded"));
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a submission: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        book.finishRun(runId, clock.instant().toString(), graded.get(), reused.get());
        return new Outcome(runId, graded.get(), reused.get(), fatal.get());
    }

    /** Grades one exercise file and records it; the note for the submission's status, or null. */
    private String gradeOne(long runId, Submission s, Exercise e, Path file, byte[] bytes, String hash, Plan plan,
            LearnerPool learners, AtomicBoolean passed, AtomicInteger graded, AtomicReference<String> fatal) {
        if (fatal.get() != null) {
            return "not graded";
        }
        Report report = check(e, file, plan.seed(), plan.timeout(), learners);
        if (isSandboxRefusal(report)) {
            fatal.compareAndSet(null, report.problem());
            return "not graded";
        }
        book.record(runId, s.learner(), e.alias(), hash, course.checkVersion(e), plan.seed(), report,
                course.points(e), text(bytes), clock.instant().toString(), null);
        graded.incrementAndGet();
        if (!report.passed()) {
            passed.set(false);
        }
        return note(e, report);
    }

    /** One exercise of one file through the checks; never throws. */
    private Report check(Exercise e, Path file, long seed, Duration timeout, LearnerPool learners) {
        Report report;
        try {
            // env: no KEY_VAULT_URL, so stage 2 never runs: learner code only ever meets the local vault
            report = Checks.run(Checks.Options.of(e).labRoot(course.labRoot()).file(file).seed(seed).timeout(timeout)
                    .env(Map.of()).learners(learners),
                    r -> {});
        } catch (RuntimeException | LinkageError | StackOverflowError ex) {
            report = new Report(e.alias(), "", seed, List.of(), "the grader could not run the checks ("
                    + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")", Checks.STAGE2_SKIPPED);
        }
        return relative(report, file, e);
    }

    /** The judge refuses to grade at all without its sandbox: that stops the run with its one line. */
    static boolean isSandboxRefusal(Report report) {
        String p = report.problem();
        return p != null && report.results().isEmpty() && (p.contains("bubblewrap") || p.startsWith("sandbox"));
    }

    /** The report with the unpacked file's path replaced by the path the learner knows. */
    static Report relative(Report report, Path file, Exercise e) {
        String known = "exercises/" + e.fileName();
        List<String> paths = List.of(LabRoot.display(file), file.toAbsolutePath().normalize().toString());
        List<CheckResult> results = report.results().stream().map(r -> new CheckResult(r.name(), r.task(), r.status(),
                replace(r.message(), paths, known), r.hint(), replace(r.output(), paths, known))).toList();
        return new Report(report.exercise(), known, report.seed(), results, replace(report.problem(), paths, known),
                report.stage2());
    }

    private static String replace(String text, List<String> paths, String with) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String p : paths) {
            out = out.replace(p, with);
        }
        return out;
    }

    /** Null when the exercise was graded and every check ran; else the short note for the learner's status. */
    private static String note(Exercise e, Report r) {
        if (r.problem() != null) {
            String first = r.problem().lines().findFirst().orElse("");
            int colon = first.indexOf(": ");
            String why = colon > 0 && first.startsWith("exercises/") ? first.substring(colon + 2) : first;
            return e.alias() + ": " + (why.length() > 120 ? why.substring(0, 117) + "..." : why);
        }
        long unfinished = r.results().stream()
                .filter(c -> c.message() != null && c.message().contains("timed out")).count();
        return unfinished > 0 ? e.alias() + ": did not finish (" + unfinished + " check" + (unfinished > 1 ? "s" : "")
                + " timed out)" : null;
    }

    /** The file as text when it is UTF-8 (for feedback and clusters), else null; capped. */
    static String text(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.length() > SOURCE_CAP ? s.substring(0, SOURCE_CAP) : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
