package dev.kvlab.vault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.vault.secrets.ApiVersion;
import dev.kvlab.vault.secrets.Call;
import dev.kvlab.vault.secrets.BackupBlob;
import dev.kvlab.vault.secrets.KeyVaultError;
import dev.kvlab.vault.secrets.Reply;
import dev.kvlab.vault.secrets.SecretJson;
import dev.kvlab.vault.secrets.SecretStore;
import dev.kvlab.vault.secrets.SecretsApi;
import dev.kvlab.vault.secrets.Throttle;
import dev.kvlab.vault.secrets.Vault;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The local vault's secrets service: everything behind one data-plane request, transport aside. Each request goes
 * through authentication (401 challenge), api-version, routing (404/405), injected faults, throttling (429),
 * authorization (403 ForbiddenByRbac) and the operation, and leaves one audit record. Bad input never throws: it
 * is answered with Azure's status and error code. Thread-safe.
 */
public final class VaultService implements AutoCloseable {
    /** The service version Azure reports in {@code x-ms-keyvault-service-version}; ours names the lab. */
    static final String SERVICE_VERSION = "1.9.0.0-kvlab";
    private static final Pattern VAULT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final List<String> names;
    private final Map<String, Vault> vaults = new LinkedHashMap<>();
    private final Seed seed;
    private final VaultClock clock;
    private final SecretStore store;
    private final SecretsApi api;
    private final RoleAssignments roles;
    private final AuditLog auditLog;
    private final Faults faults = new Faults();

    private VaultService(Builder b) {
        this.names = b.names.isEmpty() ? List.of("kvlab") : List.copyOf(b.names);
        this.seed = b.seed;
        this.clock = b.clock;
        this.auditLog = new AuditLog(b.auditCapacity);
        for (String name : names) {
            vaults.put(name, new Vault(name, b.retentionDays.getOrDefault(name, 90),
                    b.purgeProtection.getOrDefault(name, false), new Throttle(b.creates, b.others)));
        }
        this.store = b.dataDir == null ? SecretStore.inMemory() : SecretStore.open(b.dataDir, b.recoverJournal);
        this.roles = new RoleAssignments(names);
        this.api = new SecretsApi(roles, store, new BackupBlob(store.backupKey()));
        if (!store.load(vaults)) {
            seedDefaultVault();
        }
        store.compact(vaults.values());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The vaults this service holds; the first is the default ({@code kvlab} unless configured). */
    public List<String> vaultNames() {
        return names;
    }

    public RoleAssignments roles() {
        return roles;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    public Faults faults() {
        return faults;
    }

    public VaultClock clock() {
        return clock;
    }

    /** Where a damaged journal was moved when this service recovered from it at start, else null. */
    public Path damagedJournal() {
        return store.recoveredFrom();
    }

    /** Back to the seeded state: secrets, built-in role assignments, no faults, fresh throttle windows, empty log. */
    public synchronized void reset() {
        for (Vault vault : vaults.values()) {
            vault.throttle().reset();
        }
        api.clear(vaults.values());
        seedDefaultVault();
        store.compact(vaults.values());
        roles.resetToBuiltIn();
        faults.clear();
        auditLog.clear();
    }

    @Override
    public void close() {
        store.close();
    }

    private void seedDefaultVault() {
        Vault vault = vaults.get(names.get(0));
        Instant now = clock.now();
        for (Seed.SeedSecret s : seed.secrets()) {
            api.seed(vault, s.name(), s.value(), s.contentType(), s.tags(),
                    s.expiresAfter() == null ? null : now.plus(s.expiresAfter()), now);
        }
    }

    /** Answers one data-plane request. Never throws for bad input. */
    public VaultResponse handle(VaultRequest request) {
        long started = System.nanoTime();
        Instant now = clock.now();
        String operation = "Unknown";
        String secretId = null;
        int status;
        VaultResponse response;
        try {
            SecretsApi.Match match = api.match(request.method(), request.path());
            operation = match.operation();
            if (match.name() != null) {
                secretId = base(request) + "/secrets/" + match.name()
                        + (match.version() == null || match.version().isEmpty() ? "" : "/" + match.version());
            }
            Reply reply = answer(request, match, now);
            if (reply.secretId() != null) {
                secretId = reply.secretId();
            }
            response = ok(reply);
        } catch (KeyVaultError e) {
            response = error(e);
        } catch (RuntimeException e) {
            // a defect or a disk failure: still Azure's envelope, and no stack trace leaves the vault
            response = error(new KeyVaultError(500, "InternalServerError",
                    "The local vault failed to answer: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
        status = response.status();
        auditLog.record(new AuditEvent(now, request.vaultName(), operation, callerName(request.caller()),
                result(status), status, secretId,
                request.path() + (request.rawQuery() == null ? "" : "?" + request.rawQuery()),
                Duration.ofNanos(System.nanoTime() - started)));
        return response;
    }

    /** The pipeline; each step either passes or throws the error Azure would answer with. */
    private Reply answer(VaultRequest request, SecretsApi.Match match, Instant now) {
        authenticate(request.caller());
        Map<String, String> query = query(request.rawQuery());
        ApiVersion version = ApiVersion.parse(query.get("api-version"));
        Vault vault = vaults.get(request.vaultName() == null ? "" : request.vaultName().toLowerCase(Locale.ROOT));
        if (vault == null) {
            throw new KeyVaultError(404, "VaultNotFound", "No vault named " + request.vaultName()
                    + " is served here; this local vault serves " + String.join(", ", names) + ".");
        }
        if (match.error() != null) {
            throw match.error();
        }
        injectFaults(match.operation(), request.caller(), vault.name());
        long retryAfter = vault.throttle().admit(match.isCreate(), now);
        if (retryAfter > 0) {
            throw throttled(retryAfter, Map.of());
        }
        api.purgeExpired(vault, now);
        return api.invoke(match, new Call(request, vault, version, match, query, now));
    }

    private void authenticate(Caller caller) {
        String challenge = "Bearer authorization=\"" + LocalAuthority.AUTHORIZATION + "\", resource=\""
                + LocalAuthority.RESOURCE + "\"";
        if (caller instanceof Caller.Anonymous || caller == null) {
            throw new KeyVaultError(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.",
                    null, Map.of("WWW-Authenticate", challenge));
        }
        if (caller instanceof Caller.Rejected rejected) {
            String reason = rejected.reason() == null ? "InvalidToken" : rejected.reason();
            if (reason.equals("TokenExpired")) {
                // A token can expire early here, when a lesson moves the vault's clock forward. The challenge then
                // also asks for fresh claims, as Azure's continuous access evaluation does, so the SDK fetches a
                // new token from its credential instead of failing with the one it cached.
                throw new KeyVaultError(401, "Unauthorized",
                        "[TokenExpired] Error validating token: 'S2S12086'. The token has expired; get a new one.",
                        null, Map.of("WWW-Authenticate", challenge + ", error=\"insufficient_claims\", claims=\""
                                + freshClaims() + "\""));
            }
            throw new KeyVaultError(401, "Unauthorized",
                    "[" + reason + "] Error validating token: the bearer token was not accepted.", null,
                    Map.of("WWW-Authenticate", challenge));
        }
    }

    /** Azure's claims challenge: a token issued no earlier than now (base64 of the JSON the SDK passes on). */
    private String freshClaims() {
        String json = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\""
                + clock.now().getEpochSecond() + "\"}}}";
        return java.util.Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private void injectFaults(String operation, Caller caller, String vaultName) {
        Faults.Fault fault = faults.take(operation);
        if (fault == null) {
            return;
        }
        faults.waitFor(fault.latency());
        if (fault.status() == 429) {
            // an injected 429 is a lesson, not a limit: Retry-After as Azure sends it, and retry-after-ms (which the
            // SDKs read first) so a client's retries do not wait whole seconds of real time
            Duration wait = fault.retryAfter();
            long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0); // whole seconds, rounded up
            throw throttled(seconds, Map.of("retry-after-ms", Long.toString(wait.toMillis())));
        }
        if (fault.status() == Faults.FIREWALL) {
            // Azure's wording, with the details it appends on their own lines
            throw new KeyVaultError(403, "Forbidden", "Client address is not authorized and caller is not a trusted "
                    + "service.\r\nClient address: 127.0.0.1\r\nCaller: oid=" + callerName(caller) + "\r\nVault: "
                    + vaultName + ";location=local", "ForbiddenByFirewall", Map.of());
        }
        if (fault.status() == 503) {
            throw new KeyVaultError(503, "ServiceUnavailable", "The service is temporarily unavailable "
                    + "(a fault injected by the local vault). Retry the request.", null, Map.of("Retry-After", "1"));
        }
    }

    private static KeyVaultError throttled(long retryAfterSeconds, Map<String, String> moreHeaders) {
        Map<String, String> headers = new java.util.HashMap<>(moreHeaders);
        headers.put("Retry-After", Long.toString(retryAfterSeconds));
        return new KeyVaultError(429, "Throttled", "Request was not processed because too many requests were "
                + "received. Reason: VaultRequestTypeLimitReached", null, Map.copyOf(headers));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Wire details

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(key.toLowerCase(Locale.ROOT), value);
            } catch (IllegalArgumentException e) {
                throw KeyVaultError.badParameter("The query string is not properly encoded.");
            }
        }
        return query;
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-cache");
        h.put("Pragma", "no-cache");
        h.put("Expires", "-1");
        h.put("x-ms-keyvault-region", "local");
        h.put("x-ms-request-id", UUID.randomUUID().toString());
        h.put("x-ms-keyvault-service-version", SERVICE_VERSION);
        h.put("x-ms-keyvault-network-info", "conn_type=Ipv4;addr=127.0.0.1;act_addr_fam=InterNetwork;");
        h.put("Strict-Transport-Security", "max-age=31536000;includeSubDomains");
        h.put("X-Content-Type-Options", "nosniff");
        return h;
    }

    private static VaultResponse ok(Reply reply) {
        Map<String, String> h = headers();
        if (reply.body() == null) {
            return new VaultResponse(reply.status(), h, new byte[0]);
        }
        h.put("Content-Type", "application/json; charset=utf-8");
        return new VaultResponse(reply.status(), h, SecretJson.bytes(reply.body()));
    }

    private static VaultResponse error(KeyVaultError e) {
        ObjectNode body = SecretJson.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (e.innerCode() != null) {
            error.putObject("innererror").put("code", e.innerCode());
        }
        Map<String, String> h = headers();
        h.putAll(e.headers());
        h.put("Content-Type", "application/json; charset=utf-8");
        return new VaultResponse(e.status(), h, SecretJson.bytes(body));
    }

    private static String base(VaultRequest request) {
        String base = request.baseUrl() == null ? "" : request.baseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String callerName(Caller caller) {
        if (caller instanceof Caller.Authenticated a) {
            return a.principal();
        }
        if (caller instanceof Caller.Rejected r) {
            return "(rejected: " + r.reason() + ")";
        }
        return "(anonymous)";
    }

    /** Azure's resultSignature: the HTTP status name. */
    static String result(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "NoContent";
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            default -> status >= 500 ? "InternalServerError" : "Status" + status;
        };
    }

    /** How to make a {@link VaultService}. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private Seed seed = Seed.LAB;
        private VaultClock clock = VaultClock.system();
        private Path dataDir;
        private boolean recoverJournal;
        private int auditCapacity = AuditLog.CAPACITY;
        private int creates = Throttle.DEFAULT_CREATES;
        private int others = Throttle.DEFAULT_OTHERS;
        private final Map<String, Integer> retentionDays = new HashMap<>();
        private final Map<String, Boolean> purgeProtection = new HashMap<>();

        private Builder() {
        }

        /** The vault names (lower case, as in their host names); the first is the default. */
        public Builder vaults(List<String> vaultNames) {
            names.clear();
            for (String name : vaultNames) {
                String n = name.toLowerCase(Locale.ROOT);
                if (!VAULT_NAME.matcher(n).matches()) {
                    throw new IllegalArgumentException("not a vault name (letters, digits and -): " + name);
                }
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
            return this;
        }

        /** What the default vault holds on first start and after {@link #reset()} (default {@link Seed#LAB}). */
        public Builder seed(Seed seed) {
            this.seed = seed;
            return this;
        }

        public Builder clock(VaultClock clock) {
            this.clock = clock;
            return this;
        }

        /** Keeps every acknowledged change in {@code dir}, across restarts and crashes. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * When the data directory's journal is damaged: keep every intact record and move the damaged file aside
         * instead of refusing to start (default off: a {@code JournalDamagedException} names the damage).
         */
        public Builder recoverJournal(boolean recover) {
            this.recoverJournal = recover;
            return this;
        }

        /**
         * How many audit events stay in memory for {@link AuditLog#events()} (default {@value AuditLog#CAPACITY});
         * listeners see every event whatever it is. The standalone vault, which exports to a file, keeps few.
         */
        public Builder auditCapacity(int events) {
            this.auditCapacity = events;
            return this;
        }

        /** Per vault and 10-second window: secret creates, and all other operations (Azure: 300 and 4,000). */
        public Builder throttleLimits(int createsPer10Seconds, int othersPer10Seconds) {
            this.creates = createsPer10Seconds;
            this.others = othersPer10Seconds;
            return this;
        }

        /** Soft-delete retention of one vault, 7 to 90 days (default 90). */
        public Builder retentionDays(String vault, int days) {
            if (days < 7 || days > 90) {
                throw new IllegalArgumentException("retention must be 7 to 90 days, not " + days);
            }
            retentionDays.put(vault.toLowerCase(Locale.ROOT), days);
            return this;
        }

        /** With purge protection a deleted secret cannot be purged before its retention ends (default off). */
        public Builder purgeProtection(String vault, boolean on) {
            purgeProtection.put(vault.toLowerCase(Locale.ROOT), on);
            return this;
        }

        public VaultService build() {
            return new VaultService(this);
        }
    }
}
