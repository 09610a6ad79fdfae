package dev.kvlab.appconfig;

import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.VaultClock;
import java.net.URI;
import java.util.Objects;

/**
 * A local Azure App Configuration store and the local vault it shares its HTTPS port, certificate, token service
 * and clock with, for tests, checks and lessons: the unmodified {@code ConfigurationClient} talks to it over real
 * HTTPS, with a connection string (HMAC) or an Entra token for {@code https://azconfig.io}.
 *
 * <pre>{@code
 * try (LocalAppConfig config = LocalAppConfig.start()) {
 *     ConfigurationClient client = new ConfigurationClientBuilder()
 *             .connectionString(config.connectionString()) ... // trust config.caCertificatePem()
 * }
 * }</pre>
 */
public final class LocalAppConfig implements AutoCloseable {
    private final LocalVault vault;
    private final AppConfigService service;

    private LocalAppConfig(LocalVault vault, AppConfigService service) {
        this.vault = vault;
        this.service = service;
    }

    /** A seeded store ({@link ConfigSeed#LAB}) beside a seeded vault, on a free port. */
    public static LocalAppConfig start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link LocalAppConfig}; {@link #start()} starts it. */
    public static final class Builder {
        private ConfigSeed seed = ConfigSeed.LAB;
        private LocalVault.Builder vault = LocalVault.builder();

        private Builder() {
        }

        /** What the store holds at start and after {@link LocalAppConfig#reset()}. */
        public Builder seed(ConfigSeed seed) {
            this.seed = Objects.requireNonNull(seed, "seed");
            return this;
        }

        /** The vault to start beside the store (its seed, clock, port, ...); default {@code LocalVault.builder()}. */
        public Builder vault(LocalVault.Builder vault) {
            this.vault = Objects.requireNonNull(vault, "vault");
            return this;
        }

        /** Shorthand for the vault's clock, which the store reads too. */
        public Builder clock(VaultClock clock) {
            vault.clock(clock);
            return this;
        }

        public LocalAppConfig start() {
            AppConfigService service = new AppConfigService(seed);
            return new LocalAppConfig(vault.companion(service).start(), service);
        }
    }

    /** {@code https://kvlab-config.localhost:<port>}: the store's endpoint. */
    public URI endpoint() {
        return service.endpoint();
    }

    /** {@code Endpoint=https://kvlab-config.localhost:<port>;Id=...;Secret=...} with a read-write access key. */
    public String connectionString() {
        return service.connectionString();
    }

    /** A connection string with a read-only access key. */
    public String readOnlyConnectionString() {
        return service.readOnlyConnectionString();
    }

    /** The vault beside the store (Key Vault references point into it; tokens come from it). */
    public LocalVault vault() {
        return vault;
    }

    /** The CA certificate (PEM) clients trust, the vault's. */
    public String caCertificatePem() {
        return vault.caCertificatePem();
    }

    public VaultClock clock() {
        return vault.clock();
    }

    /** App Configuration data roles for Entra sign-ins. */
    public DataRoles roles() {
        return service.roles();
    }

    /** One event per answered request (never a value). */
    public ConfigAuditLog auditLog() {
        return service.auditLog();
    }

    /** Store and vault back to their seeded state; audit logs cleared, roles back to the built-in ones. */
    public void reset() {
        service.reset();
        vault.reset();
    }

    /** Stops both and releases the port; a second call does nothing. */
    @Override
    public void close() {
        vault.close();
    }
}
