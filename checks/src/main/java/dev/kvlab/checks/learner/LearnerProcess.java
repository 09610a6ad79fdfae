package dev.kvlab.checks.learner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The judge's side of one learner process ({@link LearnerHost}): starts it (sandboxed where it can), hands it the
 * learner's classes, makes calls with a deadline while answering its questions (relayed vault requests, the time),
 * collects what it prints (capped), and ends it — on a deadline by killing the process and everything it started,
 * never by stopping a thread. Nothing the process sends is trusted beyond being data.
 */
public final class LearnerProcess implements AutoCloseable {
    /** What the learner's code may print per check before the rest is dropped (a flood must not fill memory). */
    static final int KEEP_OUTPUT = 64 * 1024;

    private static final Object EOF = new Object();

    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    /** Answers the process's questions, as many at once as a burst of the exercises' threads sends. */
    private final ExecutorService answerers = answerers();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final Path scratch;
    private final boolean sandboxed;
    private long dropped;
    private volatile boolean ready;
    private volatile boolean used;
    private boolean leftThreads;
    private long callStarted;
    private long callCpu = -1;
    private long spinChecked;

    /** Why a call did not come back: the process timed out, ended, or broke the protocol. */
    public static final class Ended extends RuntimeException {
        private final boolean timedOut;
        private final boolean spinning;
        private final boolean spunOut;

        Ended(String message, boolean timedOut) {
            this(message, timedOut, false, false);
        }

        Ended(String message, boolean timedOut, boolean spinning, boolean spunOut) {
            super(message);
            this.timedOut = timedOut;
            this.spinning = spinning;
            this.spunOut = spunOut;
        }

        public boolean timedOut() {
            return timedOut;
        }

        /** Timed out while keeping the CPU busy (at least a quarter of a core the whole time): an endless loop. */
        public boolean spinning() {
            return spinning;
        }

        /** Stopped before its deadline, having used {@link #SPIN_LIMIT} of CPU time in one call. */
        public boolean spunOut() {
            return spunOut;
        }
    }

    /**
     * CPU time one call may use, whatever is left of its check's time budget: no call of the lab's exercises needs a
     * tenth of it, and an endless loop found this way costs 3 s of a core instead of the whole budget (10 s).
     */
    public static final Duration SPIN_LIMIT = Duration.ofSeconds(3);
    /**
     * Questions answered at the same time; more wait their turn. The largest burst of the exercises is 4 secrets times
     * 8 threads.
     */
    static final int MAX_QUESTIONS = 32;
    private static final long SPIN_CHECK_EVERY = TimeUnit.MILLISECONDS.toNanos(250);

    private LearnerProcess(Process process, Path scratch, boolean sandboxed) {
        this.process = process;
        this.in = process.getOutputStream();
        this.scratch = scratch;
        this.sandboxed = sandboxed;
        Thread reader = new Thread(() -> {
            InputStream out = new BufferedInputStream(process.getInputStream());
            try {
                for (ObjectNode m; (m = Wire.read(out)) != null; ) {
                    messages.add(m);
                }
            } catch (IOException e) {
                messages.add(new Ended("sent the checks something they cannot read ("
                        + Wire.abbreviate(String.valueOf(e.getMessage())) + ")", false));
            }
            messages.add(EOF);
        }, "kvlab-learner-reader");
        reader.setDaemon(true);
        reader.start();
        Thread drain = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream err = process.getErrorStream()) {
                for (int n; (n = err.read(buffer)) != -1; ) {
                    synchronized (printed) {
                        int keep = Math.max(0, Math.min(n, KEEP_OUTPUT * 2 - printed.size()));
                        printed.write(buffer, 0, keep);
                        dropped += n - keep;
                        printed.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "kvlab-learner-output");
        drain.setDaemon(true);
        drain.start();
    }

    private static ExecutorService answerers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_QUESTIONS, MAX_QUESTIONS, 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "kvlab-learner-answer");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Starts a learner process; it gets ready while the judge compiles (the first call waits for it). */
    public static LearnerProcess start(int cpuSeconds) {
        List<String> entries = classPath();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("kvlab-learner-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder for the learner's code", e);
        }
        boolean sandboxed = Sandbox.enabled();
        String tmp = sandboxed ? "/tmp" : scratch.toString();
        List<String> readable = new ArrayList<>(entries);
        List<String> options = new ArrayList<>(List.of("-Xshare:auto"));
        Path archive = ClassData.learnerArchive();
        if (archive != null) {
            options.add("-XX:SharedArchiveFile=" + archive);
            readable.add(archive.toString());
        }
        options.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-Duser.home=" + tmp, "-Dfile.encoding=UTF-8"));
        ProcessBuilder builder = new ProcessBuilder(Sandbox.wrap(command(entries, options), readable, cpuSeconds,
                scratch));
        Map<String, String> env = builder.environment();
        env.clear(); // no credential, token or variable of the judge's reaches the learner's code
        env.put("PATH", "/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", tmp);
        env.put("TMPDIR", tmp);
        builder.directory(scratch.toFile());
        try {
            return new LearnerProcess(builder.start(), scratch, sandboxed);
        } catch (IOException e) {
            delete(scratch);
            throw new UncheckedIOException("cannot start a Java process for the learner's code", e);
        }
    }

    /** The JVM options of every learner process; a class-data archive for it must be made with the same ones. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-Xss1m", "-XX:MaxMetaspaceSize=160m",
            "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    /** The java command of a learner process on {@code classPath}, with {@code options} after the shared ones. */
    static List<String> command(List<String> classPath, List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(options);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), LearnerHost.class.getName()));
        return command;
    }

    /**
     * What the learner's process needs on its class path: this JVM's class path, the jars of the class loaders above
     * the checks (a notebook kernel adds the lab's jars at run time, so they are missing from java.class.path), and
     * the jar of each library the learner's process uses, wherever it was loaded from. The learner's file compiles
     * against it too.
     */
    public static List<String> classPath() {
        List<String> kept = ClassData.keptClassPath();
        if (kept != null) {
            return kept;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        for (ClassLoader l = LearnerHost.class.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    add(entries, url);
                }
            }
        }
        for (String name : List.of(LearnerHost.class.getName(), "dev.kvlab.runtime.Mask", "dev.kvlab.vault.LocalVault",
                "com.azure.security.keyvault.secrets.SecretClient", "com.azure.data.appconfiguration.ConfigurationClient",
                "com.azure.core.http.HttpClient",
                "com.azure.json.JsonReader", "com.azure.xml.XmlReader", "reactor.core.publisher.Mono",
                "org.reactivestreams.Publisher", "com.fasterxml.jackson.databind.ObjectMapper",
                "com.fasterxml.jackson.core.JsonFactory", "com.fasterxml.jackson.annotation.JsonProperty",
                "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule", "org.slf4j.Logger")) {
            try {
                java.security.CodeSource source = Class.forName(name, false, LearnerHost.class.getClassLoader())
                        .getProtectionDomain().getCodeSource();
                if (source != null) {
                    add(entries, source.getLocation());
                }
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                // not on this class path: the learner's process does without it
            }
        }
        return List.copyOf(entries);
    }

    private static void add(Set<String> entries, URL url) {
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                // not a plain file: skip it
            }
        }
    }

    public boolean sandboxed() {
        return sandboxed;
    }

    /** Hands over the learner's compiled classes (binary name to bytes). */
    public void load(Map<String, byte[]> classes, Duration timeout) {
        ObjectNode m = Wire.message("load");
        ObjectNode c = m.putObject("classes");
        classes.forEach((name, bytes) -> c.put(name, Base64.getEncoder().encodeToString(bytes)));
        expect(exchange(m, System.nanoTime() + timeout.toNanos(), q -> null), "ok");
    }

    /** A fresh class loader and object table in the learner's process, for the next check. */
    public void reset(Duration timeout) {
        expect(exchange(Wire.message("reset"), System.nanoTime() + timeout.toNanos(), q -> null), "ok");
    }

    /**
     * Makes one call and returns its answer ({@code return} or {@code threw}), answering the process's questions
     * with {@code questions} meanwhile. Past {@code deadline} (System.nanoTime) the process is killed.
     */
    public ObjectNode call(ObjectNode call, long deadline, Function<ObjectNode, ObjectNode> questions) {
        callStarted = System.nanoTime();
        spinChecked = callStarted;
        callCpu = cpuNanos();
        ObjectNode reply;
        try {
            reply = exchange(call, deadline, questions);
        } finally {
            callCpu = -1;
        }
        String op = reply.get("op").asText();
        if (!op.equals("return") && !op.equals("threw")) {
            kill();
            throw new Ended("the learner's process answered out of turn (" + op + ")", false);
        }
        return reply;
    }

    /** What the learner's code printed since the last time, up to a mark the process writes on request. */
    public String output(Duration timeout) {
        if (!process.isAlive()) {
            return takeAll();
        }
        String mark = "kvlab-mark-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        ObjectNode sync = Wire.message("sync");
        sync.put("mark", mark);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            ObjectNode synced = exchange(sync, deadline, q -> null);
            expect(synced, "synced");
            leftThreads = synced.path("threadsLeft").asLong(0) > 0;
        } catch (Ended e) {
            return takeAll();
        }
        byte[] needle = ("\n" + mark + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (printed) {
            while (true) {
                byte[] all = printed.toByteArray();
                int at = indexOf(all, needle);
                if (at >= 0) {
                    printed.reset();
                    printed.write(all, at + needle.length, all.length - at - needle.length);
                    return text(all, at);
                }
                long wait = (deadline - System.nanoTime()) / 1_000_000;
                if (wait <= 0 || dropped > 0 && all.length >= KEEP_OUTPUT * 2) {
                    return takeAll();
                }
                try {
                    printed.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return takeAll();
                }
            }
        }
    }

    private String takeAll() {
        synchronized (printed) {
            byte[] all = printed.toByteArray();
            printed.reset();
            return text(all, all.length);
        }
    }

    private String text(byte[] all, int length) {
        String s = new String(all, 0, Math.min(length, KEEP_OUTPUT), StandardCharsets.UTF_8);
        long more = dropped + Math.max(0, length - KEEP_OUTPUT);
        dropped = 0;
        return more > 0 ? s + "\n[... " + more + " more bytes of output dropped]" : s;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private ObjectNode exchange(ObjectNode message, long deadline, Function<ObjectNode, ObjectNode> questions) {
        used = true;
        List<Future<?>> answering = new ArrayList<>();
        try {
            Wire.write(in, message);
        } catch (IOException e) {
            throw ended();
        }
        while (true) {
            Object next;
            if (!ready) {
                // the JVM's start is not the learner's time: wait for "ready" on a deadline of its own
                next = poll(System.nanoTime() + Duration.ofSeconds(60).toNanos());
                if (next instanceof ObjectNode m && m.get("op").asText().equals("ready")) {
                    ready = true;
                    continue;
                }
            } else {
                long now = System.nanoTime();
                next = poll(Math.min(deadline, now + SPIN_CHECK_EVERY));
                if (callCpu >= 0 && System.nanoTime() - spinChecked >= SPIN_CHECK_EVERY) {
                    spinChecked = System.nanoTime();
                    if (cpuNanos() - callCpu >= SPIN_LIMIT.toNanos()) {
                        kill();
                        throw new Ended("kept the CPU busy for " + SPIN_LIMIT.toSeconds() + " s", true, true, true);
                    }
                }
                if (next == null && deadline - System.nanoTime() > 0) {
                    continue;
                }
            }
            if (next == null) {
                boolean spinning = spinning();
                kill();
                throw new Ended("timed out", true, spinning, false);
            }
            if (next == EOF && !ready) {
                // never got as far as the learner's code: the judge's problem, not the learner's
                String said;
                synchronized (printed) {
                    said = printed.toString(StandardCharsets.UTF_8).strip().lines().findFirst().orElse("no reason given");
                }
                kill();
                throw new IllegalStateException("could not start the process for the learner's code: "
                        + Wire.abbreviate(said));
            }
            if (next == EOF) {
                throw ended();
            }
            if (next instanceof Ended e) {
                kill();
                throw e;
            }
            ObjectNode m = (ObjectNode) next;
            String op = m.get("op").asText();
            if (op.equals("http") || op.equals("clock")) {
                try {
                    answering.add(answerers.submit(() -> answer(m, questions)));
                } catch (RejectedExecutionException e) {
                    throw ended(); // killed already
                }
                continue;
            }
            awaitAnswers(answering, deadline);
            return m;
        }
    }

    /**
     * Answers one question on an answering thread, so that requests the learner's threads send at once reach the vault
     * at once (one at a time, a vault's latency would keep them apart and hide races the checks look for).
     */
    private void answer(ObjectNode question, Function<ObjectNode, ObjectNode> questions) {
        String op = question.get("op").asText();
        ObjectNode answer;
        try {
            answer = questions.apply(question);
            if (answer == null) {
                answer = Wire.message(op + "-reply").put("refused", "no call in progress");
            }
        } catch (RuntimeException e) {
            answer = Wire.message(op + "-reply").put("refused", "the checks could not answer ("
                    + e.getClass().getSimpleName() + ")");
        }
        answer.set("q", question.get("q"));
        try {
            Wire.write(in, answer);
        } catch (IOException e) {
            // the process ended; the call in progress finds out
        }
    }

    /**
     * Waits until the questions of the call that just came back are answered (one a thread of the learner's code left
     * behind may still be on its way to the vault), so the check reads a complete request record.
     */
    private static void awaitAnswers(List<Future<?>> answering, long deadline) {
        for (Future<?> f : answering) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // an answer that failed or is late changes nothing the call returned
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Object poll(long deadline) {
        try {
            return messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void expect(ObjectNode reply, String op) {
        if (!reply.get("op").asText().equals(op)) {
            throw new Ended("the learner's process answered " + reply.get("op").asText() + " instead of " + op, false);
        }
    }

    /** Why the process is gone, in the learner's words. */
    private Ended ended() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String printedSoFar;
        synchronized (printed) {
            printedSoFar = printed.toString(StandardCharsets.UTF_8);
        }
        if (printedSoFar.contains("java.lang.OutOfMemoryError")) {
            return new Ended("ran out of memory (the learner's process may use 256 MB)", false);
        }
        if (process.isAlive()) {
            kill();
            return new Ended("stopped answering", false);
        }
        int status = process.exitValue();
        if (status == 152 || status == 137 + 15) {
            return new Ended("used up its CPU time", true);
        }
        return new Ended("ended the process (exit status " + status + ")", false);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Whether the learner's code had threads running at the last {@link #output} (they would outlive the run). */
    public boolean leftThreads() {
        return leftThreads;
    }

    /** Whether the judge has talked to it yet (before that, none of the learner's code has run in it). */
    public boolean used() {
        return used;
    }

    /**
     * Waits up to {@code limit} for the process to say it is ready (its JVM started and warmed up), before anything
     * is asked of it; false if it did not.
     */
    public boolean awaitReady(Duration limit) {
        if (!ready) {
            Object next = poll(System.nanoTime() + limit.toNanos());
            ready = next instanceof ObjectNode m && m.get("op").asText().equals("ready");
        }
        return ready && alive();
    }

    /** Whether the call in progress has kept at least a quarter of a core busy (waiting or sleeping uses none). */
    private boolean spinning() {
        long wall = System.nanoTime() - callStarted;
        return callCpu >= 0 && wall > 0 && (cpuNanos() - callCpu) * 4 >= wall;
    }

    /** CPU time of the process and everything it started (the sandbox, the JVM inside it). */
    private long cpuNanos() {
        ProcessHandle self = process.toHandle();
        return Stream.concat(Stream.of(self), self.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** Ends the process and everything it started. */
    public void kill() {
        answerers.shutdown();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // no polite "exit" first: the host's halt does not end the sandbox promptly (a run waited 200 ms for it),
        // and killing the process and everything it started is what must happen anyway
        kill();
        delete(scratch);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
