package dev.kvlab.checks.support;

import com.azure.core.http.HttpClient;
import dev.kvlab.appconfig.LocalAppConfig;
import dev.kvlab.vault.LocalVault;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the check runner hands to the checks of one run: the seed, the stage, the time limit, the learner's code and
 * the vault to use. JUnit configuration parameters are strings, so the runner registers the context under an id it
 * passes as {@code kvlab.run}.
 */
public final class RunContext {
    public static final String PARAMETER = "kvlab.run";
    private static final Map<String, RunContext> RUNS = new ConcurrentHashMap<>();

    private final String id;
    private final long seed;
    private final int stage;
    private final Duration timeout;
    private final LearnerCode code;
    private final Supplier<LocalVault> localVault;
    private final String prefix;
    private final Supplier<HttpClient> localHttp;
    private final LearnerSession session;
    private final Class<?> exercise;
    private final Supplier<LocalAppConfig> localStore;

    /**
     * @param localVault the run's local vault (started on first use; stage 1)
     * @param localHttp the one HTTP client (TLS context, connections) for every check against that vault
     * @param prefix the prefix of every secret name the checks create
     * @param session the learner's process
     * @param exercise the exercise's class as the course wrote it (the frame): where the checks find its signatures
     */
    public RunContext(String id, long seed, int stage, Duration timeout, LearnerCode code,
            Supplier<LocalVault> localVault, Supplier<HttpClient> localHttp, String prefix, LearnerSession session,
            Class<?> exercise) {
        this(id, seed, stage, timeout, code, localVault, localHttp, prefix, session, exercise, null);
    }

    /**
     * @param localStore the App Configuration store inside the run's local vault (null: this run has none), for
     *     {@link CheckStore}
     */
    public RunContext(String id, long seed, int stage, Duration timeout, LearnerCode code,
            Supplier<LocalVault> localVault, Supplier<HttpClient> localHttp, String prefix, LearnerSession session,
            Class<?> exercise, Supplier<LocalAppConfig> localStore) {
        this.localStore = localStore;
        this.session = session;
        this.exercise = exercise;
        this.localHttp = localHttp;
        this.id = id;
        this.seed = seed;
        this.stage = stage;
        this.timeout = timeout;
        this.code = code;
        this.localVault = localVault;
        this.prefix = prefix;
    }

    public void register() {
        RUNS.put(id, this);
    }

    public void unregister() {
        RUNS.remove(id);
    }

    static RunContext of(ExtensionContext context) {
        String id = context.getConfigurationParameter(PARAMETER).orElseThrow(
                () -> new IllegalStateException("check classes run through dev.kvlab.checks.Checks, not on their own"));
        RunContext run = RUNS.get(id);
        if (run == null) {
            throw new IllegalStateException("no check run " + id);
        }
        return run;
    }

    public String id() {
        return id;
    }

    public long seed() {
        return seed;
    }

    public int stage() {
        return stage;
    }

    public Duration timeout() {
        return timeout;
    }

    public LearnerCode code() {
        return code;
    }

    LocalVault localVault() {
        return localVault.get();
    }

    /** The local App Configuration store inside {@link #localVault()}, or null when this run started none. */
    LocalAppConfig localStore() {
        return localStore == null ? null : localStore.get();
    }

    /** One HTTP client (TLS context, connection pool) for every check of the run against its local vault. */
    HttpClient localHttpClient() {
        return localHttp.get();
    }

    LearnerSession session() {
        return session;
    }

    Class<?> exercise() {
        return exercise;
    }

    String prefix() {
        return prefix;
    }
}
