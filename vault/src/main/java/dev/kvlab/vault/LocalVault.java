package dev.kvlab.vault;

import dev.kvlab.vault.identity.ManagedIdentityEndpoint;
import dev.kvlab.vault.identity.TokenService;
import dev.kvlab.vault.secrets.SecretJson;
import dev.kvlab.vault.server.VaultServer;
import dev.kvlab.vault.tls.CertificateAuthority;
import dev.kvlab.vault.tls.ServerCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local Azure Key Vault (secrets) on an ephemeral loopback port, for tests, checks and lessons: the
 * unmodified Azure SDK talks to it over real HTTPS with Azure's challenge authentication.
 *
 * <pre>{@code
 * try (LocalVault vault = LocalVault.start()) {
 *     SecretClient client = ...vaultUrl(vault.url().toString())... // trust vault.caCertificatePem()
 * }
 * }</pre>
 */
public final class LocalVault implements AutoCloseable {
    /** The vault {@code https://localhost:<port>} and {@code https://kvlab.localhost:<port>} address. */
    public static final String DEFAULT_VAULT = "kvlab";
    /** Whether no vault has started in this JVM yet: the first one warms the JDK's TLS, JSON and token code. */
    private static final AtomicBoolean FIRST = new AtomicBoolean(true);

    private final VaultService service;
    /** Made on a thread of its own during start; joined by the first request or call that needs it. */
    private final CompletableFuture<TokenService> tokens;
    private final CertificateAuthority authority;
    private final VaultServer server;
    private final Path dataDir;
    private final List<Companion> companions;
    private final int identityPort;
    private final String identitySecret;
    private ManagedIdentityEndpoint identity;
    private Path caFile;
    private boolean closed;

    private LocalVault(Builder builder) {
        List<String> names = new ArrayList<>();
        names.add(DEFAULT_VAULT);
        for (String name : builder.extraVaults) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        this.dataDir = builder.dataDir;
        this.companions = List.copyOf(builder.companions);
        this.identityPort = builder.identityPort;
        this.identitySecret = builder.identitySecret;
        // Class loading is most of the start time, so the work is spread over the cores: the token library and
        // the JDK's TLS stack load on threads of their own while this one builds the service and the certificates.
        // Nothing waits for the token service until a request carries a token (or a caller asks for one).
        // The warm-ups are for the first vault of a JVM: later ones (a grader starts one per exercise file) find
        // everything loaded.
        boolean first = FIRST.compareAndSet(true, false);
        this.tokens = CompletableFuture.supplyAsync(() -> {
            TokenService created = dataDir != null ? TokenService.loadOrCreate(dataDir, builder.clock)
                    : TokenService.create(builder.clock);
            if (first) {
                created.verify("Bearer " + created.issue(LocalAuthority.LAB_USER).token());
                SecretJson.warmUp(); // the JSON library's first use costs more than the rest of a first request
            }
            return created;
        }, LocalVault::startThread);
        CompletableFuture<Void> tlsClasses = first
                ? CompletableFuture.runAsync(ServerCertificate::loadTlsClasses, LocalVault::startThread)
                : CompletableFuture.completedFuture(null);
        VaultService.Builder services = VaultService.builder().vaults(names).seed(builder.seed).clock(builder.clock)
                .auditCapacity(builder.auditCapacity);
        if (dataDir != null) {
            services.dataDir(dataDir).recoverJournal(builder.recoverJournal);
        }
        if (builder.throttleCreates > 0) {
            services.throttleLimits(builder.throttleCreates, builder.throttleOthers);
        }
        builder.retentionDays.forEach(services::retentionDays);
        builder.purgeProtection.forEach(services::purgeProtection);
        try {
            this.service = services.build();
        } catch (RuntimeException e) {
            settle(tokens);
            throw e;
        }
        try {
            this.authority = dataDir != null ? CertificateAuthority.loadOrCreate(dataDir) : SharedAuthority.INSTANCE;
            List<String> hostNames = new ArrayList<>(names);
            companions.forEach(companion -> hostNames.add(companion.hostName()));
            ServerCertificate certificate = dataDir != null ? authority.issueServerCertificate(hostNames)
                    : SharedAuthority.certificateFor(hostNames);
            tlsClasses.join();
            if (dataDir != null) {
                tokens.join(); // a damaged key file in the data folder stops the start, not a later request
            }
            this.server = VaultServer.start(builder.port, certificate.serverContext(),
                    authorization -> tokenService().verify(authorization),
                    name -> service.vaultNames().contains(name), DEFAULT_VAULT, service::handle);
            if (first) {
                server.warmUp(() -> ServerCertificate.clientContextTrusting(authority.certificate()),
                        DEFAULT_VAULT + ".localhost");
            }
        } catch (CompletionException e) {
            service.close();
            settle(tokens);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } catch (RuntimeException e) {
            service.close();
            settle(tokens);
            throw e;
        }
    }

    /**
     * A start that fails waits for the token service's thread all the same: with a data folder that thread writes the
     * signing key there, and a refused start must not leave a file appearing after it has returned.
     */
    private static void settle(CompletableFuture<?> work) {
        try {
            work.join();
        } catch (RuntimeException ignored) {
            // the start's own failure is the one reported
        }
    }

    private static void startThread(Runnable work) {
        Thread thread = new Thread(work, "kvlab-vault-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** A seeded vault ({@link Seed#LAB}) named {@code kvlab} on a free port. */
    public static LocalVault start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link LocalVault}; {@link #start()} starts it. */
    public static final class Builder {
        private Seed seed = Seed.LAB;
        private final List<String> extraVaults = new ArrayList<>();
        private VaultClock clock = VaultClock.system();
        private Path dataDir;
        private boolean recoverJournal;
        private int auditCapacity = AuditLog.CAPACITY;
        private int port;
        private int identityPort;
        private String identitySecret;
        private int throttleCreates;
        private int throttleOthers;
        private final Map<String, Integer> retentionDays = new LinkedHashMap<>();
        private final Map<String, Boolean> purgeProtection = new LinkedHashMap<>();
        private final List<Companion> companions = new ArrayList<>();

        private Builder() {
        }

        /** Also serves {@code companion} at {@code https://<its host name>.localhost:<port>} (e.g. App Configuration). */
        public Builder companion(Companion companion) {
            String name = Objects.requireNonNull(companion, "companion").hostName();
            if (name == null || !name.matches("[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])?") || name.equals(DEFAULT_VAULT)
                    || extraVaults.contains(name) || companions.stream().anyMatch(c -> c.hostName().equals(name))) {
                throw new IllegalArgumentException("a companion needs a host name of its own: " + name);
            }
            companions.add(companion);
            return this;
        }

        /** Per vault and 10 seconds: secret creates and other operations before 429 (Azure: 300 and 4,000). */
        public Builder throttleLimits(int createsPer10Seconds, int othersPer10Seconds) {
            if (createsPer10Seconds < 1 || othersPer10Seconds < 1) {
                throw new IllegalArgumentException("throttle limits must be at least 1");
            }
            this.throttleCreates = createsPer10Seconds;
            this.throttleOthers = othersPer10Seconds;
            return this;
        }

        /** Soft-delete retention of one vault, 7 to 90 days (default 90). */
        public Builder retentionDays(String vault, int days) {
            retentionDays.put(vault, days);
            return this;
        }

        /** Purge protection for one vault (default off). */
        public Builder purgeProtection(String vault, boolean on) {
            purgeProtection.put(vault, on);
            return this;
        }

        /** What the vaults hold at start and after {@link LocalVault#reset()}: {@link Seed#LAB} (default) or NONE. */
        public Builder seed(Seed seed) {
            this.seed = Objects.requireNonNull(seed, "seed");
            return this;
        }

        /** One more vault besides {@code kvlab}, served at {@code https://<name>.localhost:<port>}. */
        public Builder vault(String name) {
            if (name == null || !name.matches("[a-z0-9](?:[a-z0-9-]{1,22}[a-z0-9])?")) {
                throw new IllegalArgumentException("a vault name is 3-24 lower-case letters, digits and dashes: " + name);
            }
            extraVaults.add(name);
            return this;
        }

        /** The clock token expiry, secret dates and soft-delete retention read; default: the system clock. */
        public Builder clock(VaultClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Keeps the vault's state, CA and token key in {@code dir}, so they survive a restart. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * With a damaged journal in the data folder: keep every intact record and move the damaged file aside
         * ({@link #damagedJournal()} says where) instead of refusing to start.
         */
        public Builder recoverJournal(boolean recover) {
            this.recoverJournal = recover;
            return this;
        }

        /** How many audit events {@link AuditLog#events()} keeps (default {@value AuditLog#CAPACITY}). */
        public Builder auditCapacity(int events) {
            if (events < 1) {
                throw new IllegalArgumentException("the audit log keeps at least one event");
            }
            this.auditCapacity = events;
            return this;
        }

        /** The HTTPS port (default 0: any free port). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The managed-identity endpoint's port (default 0: any free port). */
        public Builder identityPort(int port) {
            this.identityPort = port;
            return this;
        }

        /** The managed-identity endpoint's header secret (default: random, or kept in the data folder). */
        public Builder identitySecret(String secret) {
            this.identitySecret = secret;
            return this;
        }

        public LocalVault start() {
            LocalVault vault = new LocalVault(this);
            try {
                for (Companion companion : vault.companions) {
                    vault.server.serveHost(companion.hostName() + ".localhost", companion.start(vault));
                }
            } catch (RuntimeException e) {
                vault.close();
                throw e;
            }
            return vault;
        }
    }

    /** The default vault: {@code https://kvlab.localhost:<port>}. */
    public URI url() {
        return url(DEFAULT_VAULT);
    }

    /** The vault {@code name}: {@code https://<name>.localhost:<port>}. */
    public URI url(String name) {
        if (!service.vaultNames().contains(name)) {
            throw new IllegalArgumentException("no local vault named " + name + "; vaults: " + service.vaultNames());
        }
        return URI.create("https://" + name + ".localhost:" + port());
    }

    public int port() {
        return server.port();
    }

    public List<String> vaultNames() {
        return service.vaultNames();
    }

    /** The CA certificate (PEM) clients must trust to talk to this vault. */
    public String caCertificatePem() {
        return authority.certificatePem();
    }

    /** The CA certificate as a PEM file (in the data folder, else a temporary file removed on close). */
    public synchronized Path caCertificateFile() {
        if (caFile == null) {
            try {
                if (dataDir != null) {
                    caFile = dataDir.resolve("ca.pem");
                } else {
                    caFile = Files.createTempFile("kvlab-ca-", ".pem");
                    Files.writeString(caFile, caCertificatePem());
                    caFile.toFile().deleteOnExit();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the CA certificate: " + e.getMessage(), e);
            }
        }
        return caFile;
    }

    /** A bearer token for {@code principal}, valid one hour by this vault's clock. */
    public IssuedToken issueToken(String principal) {
        return tokenService().issue(principal);
    }

    /** The token service, for tests that need tokens this vault must refuse. */
    public TokenService tokenService() {
        try {
            return tokens.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The managed-identity endpoint ({@code IDENTITY_ENDPOINT}); started on first use. */
    public URI identityEndpoint() {
        return identity().url();
    }

    /** The managed-identity header secret ({@code IDENTITY_HEADER}). */
    public String identityHeader() {
        return identity().secret();
    }

    private synchronized ManagedIdentityEndpoint identity() {
        if (identity == null) {
            TokenService tokenService = tokenService();
            identity = identitySecret != null ? ManagedIdentityEndpoint.start(tokenService, identityPort, identitySecret)
                    : ManagedIdentityEndpoint.start(tokenService, identityPort);
        }
        return identity;
    }

    public VaultClock clock() {
        return service.clock();
    }

    /** Where a damaged journal was moved aside by {@link Builder#recoverJournal(boolean)}, else null. */
    public Path damagedJournal() {
        return service.damagedJournal();
    }

    /** Who may do what: {@code roles().assign("app", Role.SECRETS_USER, Scope.secret("kvlab", "openai-api-key"))}. */
    public RoleAssignments roles() {
        return service.roles();
    }

    /** One event per answered request (never a secret value). */
    public AuditLog auditLog() {
        return service.auditLog();
    }

    /** Forced 429s, 503s and added latency for lessons on resilience. */
    public Faults faults() {
        return service.faults();
    }

    /** Back to the seeded state; the audit log is cleared. */
    public void reset() {
        service.reset();
    }

    /** The secrets service behind the HTTPS server. */
    public VaultService service() {
        return service;
    }

    /** Stops serving and releases the port; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        for (Companion companion : companions) {
            companion.close();
        }
        if (identity != null) {
            identity.close();
        }
        service.close();
        if (caFile != null && dataDir == null) {
            try {
                Files.deleteIfExists(caFile);
            } catch (IOException ignored) {
                // a temporary file; deleteOnExit tries again
            }
        }
    }

    /**
     * One CA per JVM for vaults without a data folder: a client that trusts one embedded vault trusts them all. They
     * share their server certificates too (valid a year, one per list of host names): a grader starts a vault for
     * every exercise it grades, and a new key and signature each time cost more than the vault's data.
     */
    private static final class SharedAuthority {
        static final CertificateAuthority INSTANCE = CertificateAuthority.generate();
        private static final Map<List<String>, ServerCertificate> CERTIFICATES = new ConcurrentHashMap<>();

        static ServerCertificate certificateFor(List<String> hostNames) {
            return CERTIFICATES.computeIfAbsent(List.copyOf(hostNames), INSTANCE::issueServerCertificate);
        }
    }
}
