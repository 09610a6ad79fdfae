package dev.kvlab.console;

import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.kvlab.runtime.Diagnosis;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.LabException;
import dev.kvlab.runtime.LoopbackTransport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The console's actions: each one compiles the learner's current exercise file (if it changed), calls their
 * function with the console's one client, and turns the result or the failure into an {@link Outcome}.
 */
final class LabConsole implements ConsoleActions {
    static final List<String> SECRET_NAMES = List.of("openai-api-key", "cosmosdb-connection-string");
    static final String ROTATED_SECRET = "openai-api-key";
    static final int CACHE_ROUNDS = 5;
    /** The hygiene audit's expiry warning window, as exercise 7's main uses it. */
    static final int AUDIT_WARNING_DAYS = 30;
    /** Exercise 12's app and environment, as its main loads them. */
    static final String SETTINGS_PREFIX = "OpenAI:";
    static final String SETTINGS_ENVIRONMENT = "production";
    /** Exercise 13's flag and user, as its main evaluates them (no arguments: alice, in no group). */
    static final String FLAG = "EnableSemanticCache";
    static final String FLAG_USER = "alice";
    /** A learner's function that runs longer than this is reported, and the console stays usable. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(30);


    private final LabFolder folder;
    private final SecretClient client;
    /** Builders for the same vault as {@link #client}, for exercises that build their own client (exercise 9). */
    private final Supplier<SecretClientBuilder> builders;
    private final String vault;
    private final ExerciseCompiler compiler = new ExerciseCompiler();
    private final WorkChecker checker;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService learnerThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "learner-code");
        t.setDaemon(true);
        return t;
    });

    private final Duration timeLimit;
    /** The App Configuration client for exercise 12, made on first use (the store inside the embedded vault). */
    private Supplier<ConfigurationClient> settings = Lab::configurationClient;
    private ConfigurationClient settingsClient;

    LabConsole(LabFolder folder, SecretClient client, String vault, WorkChecker checker) {
        this(folder, client, vault, checker, TIME_LIMIT);
    }

    LabConsole(LabFolder folder, SecretClient client, String vault, WorkChecker checker, Duration timeLimit) {
        this(folder, client, Lab::builder, vault, checker, timeLimit);
    }

    LabConsole(LabFolder folder, SecretClient client, Supplier<SecretClientBuilder> builders, String vault,
            WorkChecker checker, Duration timeLimit) {
        this.timeLimit = timeLimit;
        this.folder = folder;
        this.client = client;
        this.builders = builders;
        this.vault = vault;
        this.checker = checker;
    }

    /** The console for this environment: the embedded local vault, or KEY_VAULT_URL's vault when it is set. */
    static LabConsole forEnvironment(LabFolder folder) {
        SecretClient client = Lab.client();
        return new LabConsole(folder, client, badge(System.getenv("KEY_VAULT_URL")), new WorkChecker(folder));
    }

    /** Which vault the console talks to, as its badge says: the embedded local vault, or KEY_VAULT_URL's host. */
    static String badge(String keyVaultUrl) {
        if (keyVaultUrl == null || keyVaultUrl.isBlank()) {
            return localBadge(Lab.localVault().url());
        }
        URI url = URI.create(keyVaultUrl.trim());
        String host = url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost();
        return LoopbackTransport.isLoopback(url) ? host + " (local vault, KEY_VAULT_URL)" : host;
    }

    /** Where exercise 12's settings come from: a store whose Key Vault references point at this console's vault. */
    LabConsole settings(Supplier<ConfigurationClient> settings) {
        this.settings = settings;
        return this;
    }

    private synchronized ConfigurationClient settingsClient() {
        if (settingsClient == null) {
            settingsClient = settings.get();
        }
        return settingsClient;
    }

    static String localBadge(URI localVaultUrl) {
        return "local vault kvlab (embedded, " + localVaultUrl.getAuthority() + ")";
    }

    /**
     * Compiles every exercise file once in the background, so the first click does not wait for javac to warm up;
     * with {@code touchVault} (the embedded local vault only) also lists the secrets' properties once, which loads
     * the SDK's HTTP and TLS classes: that first call, not the learner's, pays for it.
     */
    void warmUp(boolean touchVault) {
        Thread t = new Thread(() -> {
            if (touchVault) {
                try {
                    client.listPropertiesOfSecrets().iterator().hasNext();
                } catch (RuntimeException ignored) {
                    // the learner's first click reports whatever is wrong with the vault
                }
            }
            for (Exercise e : Exercise.values()) {
                try {
                    compiler.compile(folder.file(e));
                } catch (RuntimeException ignored) {
                    // a missing or broken file is reported when its button is clicked
                }
            }
        }, "console-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public String vault() {
        return vault;
    }

    @Override
    public String sources() {
        return folder.root().relativize(folder.sources()).toString();
    }

    @Override
    public String file(Exercise exercise) {
        return folder.shown(exercise);
    }

    @Override
    public Progress progress(Exercise exercise) {
        return Progress.read(checker.results(), exercise);
    }

    @Override
    public java.nio.file.Path docs() {
        return folder.root().resolve("docs");
    }

    @Override
    public CheckView check(Exercise exercise) {
        return checker.check(exercise);
    }

    @Override
    public Outcome run(Exercise exercise) {
        String title = exercise.action();
        ExerciseCompiler.Compiled compiled;
        try {
            compiled = compiler.compile(folder.file(exercise));
        } catch (LabException e) {
            return Outcome.failed(title, Outcome.Status.FAILED, e.getMessage(), null, List.of());
        }
        if (!compiled.ok()) {
            return Outcome.failed(title, Outcome.Status.FAILED, file(exercise) + " does not compile, so it cannot run yet.",
                    "Fix the errors below, save the file, and click " + title + " again.", compiled.errors());
        }
        Object result;
        try {
            Class<?> type = compiled.mainClass();
            result = invoke(exercise, type);
        } catch (LabException e) {
            return Outcome.failed(title, Outcome.Status.FAILED, e.getMessage(), null, List.of());
        } catch (InvocationTargetException e) {
            return failure(exercise, e.getCause());
        }
        if (result == null) {
            return Outcome.failed(title, Outcome.Status.FAILED, "Your " + exercise.function() + " returned null.",
                    "Return the result the exercise describes; see docs/" + exercise.id() + ".md.", List.of());
        }
        ResultView.Parts parts = ResultView.of(caption(exercise), result);
        return Outcome.ok(title, flash(exercise, result), parts.cards(), parts.tables());
    }

    private Object invoke(Exercise exercise, Class<?> type) throws InvocationTargetException {
        Object[] args = switch (exercise) {
            case RETRIEVE -> new Object[] {client, SECRET_NAMES};
            case LIST -> new Object[] {client};
            case ROTATE -> new Object[] {client, ROTATED_SECRET, newSecretValue()};
            case CACHE -> new Object[] {client, SECRET_NAMES, CACHE_ROUNDS, (LongSupplier) System::nanoTime};
            case VERSIONS -> new Object[] {client, ROTATED_SECRET};
            case LIFECYCLE -> new Object[] {client, "lifecycle-demo-" + Long.toHexString(System.currentTimeMillis() / 1000),
                    newSecretValue(), java.time.Clock.systemUTC(), null};
            case HYGIENE -> new Object[] {client, java.time.Clock.systemUTC(), AUDIT_WARNING_DAYS};
            case REFERENCES -> new Object[] {client};
            case SETTINGS -> new Object[] {settingsClient(), client, SETTINGS_PREFIX, SETTINGS_ENVIRONMENT};
            case ACCESS -> new Object[] {team(type)};
            case RESILIENT -> new Object[] {builders.get(), (LongSupplier) System::nanoTime};
            case AUDIT -> alertArguments(type);
            case FLAGS -> new Object[] {settingsClient(), FLAG, FLAG_USER, List.of()};
            // exercise 14's main with no label: the app's settings without a label
            case REFRESH -> new Object[] {settingsClient(), SETTINGS_PREFIX, null};
        };
        Method method = Optional.ofNullable(find(type, exercise.function(), args.length)).orElseThrow(() -> new LabException(
                type.getSimpleName() + " has no public static " + exercise.function() + " with " + args.length
                        + " parameter(s). Keep the signature the exercise came with (see " + file(exercise) + ")."));
        return callLearner(type, method, args);
    }

    /**
     * Exercise 11's arguments: the embedded vault's audit log after the exercise's own demo of refused reads, read by
     * the learner's {@code readExport}, and the minute of its first record as the rule's evaluation start.
     */
    private Object[] alertArguments(Class<?> type) throws InvocationTargetException {
        Method demo = Optional.ofNullable(find(type, "localDemoExport", 0)).orElseThrow(() -> new LabException(
                type.getSimpleName() + " has no public static localDemoExport(). Keep the file as the exercise came ("
                        + "see exercises/" + type.getSimpleName() + ".java)."));
        Method read = Optional.ofNullable(find(type, "readExport", 1)).orElseThrow(() -> new LabException(
                type.getSimpleName() + " has no public static readExport with 1 parameter(s). Keep the signature the "
                        + "exercise came with."));
        Object lines;
        try {
            lines = demo.invoke(null);
        } catch (IllegalAccessException e) {
            throw new LabException("cannot call " + type.getSimpleName() + ".localDemoExport (" + e + ").");
        }
        Object records = callLearner(type, read, new Object[] {lines});
        java.time.Instant start = records instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Record r
                && ResultView.read(r, "TimeGenerated") instanceof java.time.Instant first
                ? first.truncatedTo(java.time.temporal.ChronoUnit.MINUTES) : java.time.Instant.now();
        return new Object[] {records, start};
    }

    private Object callLearner(Class<?> type, Method method, Object[] args) throws InvocationTargetException {
        // On a thread of its own, so an endless loop in the learner's code does not stop the console.
        Future<Object> call = learnerThreads.submit(() -> method.invoke(null, args));
        try {
            return call.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvocationTargetException learnerFailure) {
                throw learnerFailure;
            }
            throw new LabException("cannot call " + type.getSimpleName() + "." + method.getName() + " (" + e.getCause()
                    + "). Keep the signature the exercise came with.");
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new LabException("your " + method.getName() + " did not finish within " + timeLimit.toSeconds()
                    + " s (an endless loop?). Fix it, save, and click again; restart the console if it keeps the CPU busy.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("the console was interrupted while your " + method.getName() + " ran.");
        }
    }

    /** Exercise 8's team as the learner's compiled class declares it (its records are that class's own). */
    private Object team(Class<?> type) {
        try {
            return type.getField("TEAM").get(null);
        } catch (ReflectiveOperationException e) {
            throw new LabException(type.getSimpleName() + " has no public TEAM. Keep the constants the exercise came with (see "
                    + file(Exercise.ACCESS) + ").");
        }
    }

    private static Method find(Class<?> type, String name, int parameters) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == parameters && Modifier.isStatic(m.getModifiers())) {
                return m;
            }
        }
        return null;
    }

    /** A fresh value for the rotation, like a newly issued API key; the page only ever shows it masked. */
    private String newSecretValue() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder value = new StringBuilder("sk-proj-rotated-");
        for (int i = 0; i < 32; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    private Outcome failure(Exercise exercise, Throwable error) {
        String title = exercise.action();
        Optional<String> unfilled = Diagnosis.unfilledRegion(error);
        if (unfilled.isPresent()) {
            String region = unfilled.get().replaceFirst("^.*fill in region ([A-Z0-9_]+).*$", "$1");
            return Outcome.failed(title, Outcome.Status.NOT_IMPLEMENTED, "Not implemented yet: " + unfilled.get(),
                    "Fill in region " + region + " in " + file(exercise) + ", save, and click " + title + " again.", List.of());
        }
        List<String> frames = learnerFrames(error);
        String line = Diagnosis.of(error, Lab.lastVaultUrl()).replaceFirst("^Error: ", "");
        return Outcome.failed(title, Outcome.Status.FAILED, "Your " + exercise.function() + " failed: " + line,
                frames.isEmpty() ? null : "Where it happened in your code:", frames);
    }

    /** The stack frames inside the learner's file: where to look, without the SDK's frames. */
    private static List<String> learnerFrames(Throwable error) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : error.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.kvlab.exercises.") || frame.getClassName().startsWith("dev.kvlab.solutions.")) {
                frames.add(frame.getFileName() + ":" + frame.getLineNumber() + " in " + frame.getMethodName());
            }
        }
        return frames.stream().limit(5).collect(Collectors.toList());
    }

    private static String caption(Exercise exercise) {
        return switch (exercise) {
            case RETRIEVE -> "Secrets";
            case LIST -> "Secret properties";
            case ROTATE -> "New version";
            case CACHE -> "Cache summary";
            case VERSIONS -> "Versions of " + ROTATED_SECRET + ", newest first";
            case LIFECYCLE -> "Stored secret";
            case HYGIENE -> "Findings, most severe first";
            case REFERENCES -> "App settings as App Service resolves them";
            case SETTINGS -> "Settings " + SETTINGS_PREFIX + "* for " + SETTINGS_ENVIRONMENT;
            case ACCESS -> "Role plan for the course's team (secret \"-\": the whole vault)";
            case RESILIENT -> "Two bursts of reads through your client and cache";
            case AUDIT -> "Alerts: refused SecretGet per 5-minute window and caller";
            case FLAGS -> FLAG + " for " + FLAG_USER;
            case REFRESH -> "Settings " + SETTINGS_PREFIX + "* (no label), as a fresh app loads them";
        };
    }

    /** The flash line above the results, as the seed lab's page words it. */
    static String flash(Exercise exercise, Object result) {
        return switch (exercise) {
            case RETRIEVE -> {
                List<?> reports = result instanceof List<?> l ? l : List.of();
                long retrieved = reports.stream()
                        .filter(r -> r instanceof Record rec && "retrieved".equals(ResultView.read(rec, "status")))
                        .count();
                yield "Retrieved " + retrieved + " of " + reports.size() + " secret(s).";
            }
            case LIST -> "Listed " + (result instanceof List<?> l ? l.size() : 0) + " secret(s) without reading a value.";
            case ROTATE -> result instanceof Record r
                    ? "Created version " + ResultView.read(r, "newVersion") + " of " + ResultView.read(r, "name") + "."
                    : "Created a new version.";
            case CACHE -> result instanceof Record r
                    ? "Completed " + ResultView.read(r, "totalAccesses") + " access(es) with " + ResultView.read(r, "vaultCalls")
                      + " Key Vault API call(s)."
                    : "Completed the cached retrieval.";
            case VERSIONS -> "Listed " + (result instanceof List<?> l ? l.size() : 0) + " version(s) of " + ROTATED_SECRET
                    + " without reading a value.";
            case LIFECYCLE -> result instanceof Record r
                    ? "Stored " + ResultView.read(r, "name") + ": " + ResultView.read(r, "outcome") + ", expires on "
                      + ResultView.read(r, "expiresOn") + "."
                    : "Stored the secret.";
            case HYGIENE -> "Found " + (result instanceof List<?> l ? l.size() : 0) + " problem(s) without reading a value"
                    + " (expiry warning window " + AUDIT_WARNING_DAYS + " days).";
            case REFERENCES -> {
                List<?> rows = result instanceof List<?> l ? l : List.of();
                long references = rows.stream().filter(r -> r instanceof Record rec && ResultView.read(rec, "status") != null
                        && !"-".equals(String.valueOf(ResultView.read(rec, "status")))).count();
                long resolved = rows.stream().filter(r -> r instanceof Record rec
                        && "Resolved".equals(String.valueOf(ResultView.read(rec, "status")))).count();
                yield "Resolved " + resolved + " of " + references + " Key Vault reference(s) in " + rows.size()
                        + " app setting(s).";
            }
            case SETTINGS -> {
                List<?> settings = result instanceof List<?> l ? l : List.of();
                long fromVault = settings.stream().filter(r -> r instanceof Record rec
                        && "key vault".equals(ResultView.read(rec, "source")) && ResultView.read(rec, "error") == null).count();
                long errors = settings.stream().filter(r -> r instanceof Record rec && ResultView.read(rec, "error") != null).count();
                yield "Loaded " + settings.size() + " setting(s) for " + SETTINGS_ENVIRONMENT + ", " + fromVault
                        + " from Key Vault" + (errors == 0 ? "" : ", " + errors + " with an error") + ".";
            }
            case ACCESS -> "Planned " + (result instanceof List<?> l ? l.size() : 0) + " role assignment(s): the least each "
                    + "member's job needs.";
            case RESILIENT -> result instanceof Record r
                    ? "Read " + ResultView.read(r, "totalReads") + " time(s) with " + ResultView.read(r, "vaultCalls")
                      + " Key Vault API call(s)."
                    : "Completed the bursts.";
            case AUDIT -> "The rule fired " + (result instanceof List<?> l ? l.size() : 0) + " alert(s) over the local "
                    + "vault's audit log.";
            case FLAGS -> result instanceof Record r
                    ? FLAG + " is " + (Boolean.TRUE.equals(ResultView.read(r, "on")) ? "on" : "off") + " for " + FLAG_USER
                      + " (" + ResultView.read(r, "reason")
                      + (ResultView.read(r, "filter") == null ? "" : " " + ResultView.read(r, "filter")) + ")."
                    : "Evaluated " + FLAG + " for " + FLAG_USER + ".";
            case REFRESH -> {
                Object rows = result instanceof Record r ? ResultView.read(r, "settings") : null;
                yield "Read " + (rows instanceof List<?> l ? l.size() : 0) + " setting(s) at sentinel "
                        + (result instanceof Record r ? ResultView.read(r, "sentinel") : "-")
                        + "; until it changes, the app asks the store only for the sentinel.";
            }
        };
    }
}
