package dev.kvlab.appconfig;

import dev.kvlab.vault.Caller;
import dev.kvlab.vault.Companion;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.server.HostHandler;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The local App Configuration store as a {@link Companion} of a local vault: served by the vault's HTTPS front at
 * {@code https://kvlab-config.localhost:<port>}, with its clock and its token service (Entra tokens for
 * {@code https://azconfig.io} or {@code https://appconfig.azure.com}). {@code ./jbang vault --app-config} finds it with {@link java.util.ServiceLoader};
 * in Java, {@link LocalAppConfig} is the way in.
 */
public final class AppConfigService implements Companion {
    /** The store's host name below {@code .localhost}. */
    public static final String HOST_NAME = "kvlab-config";

    private final ConfigSeed seed;
    private final AccessKey readWriteKey = AccessKey.generate("kvlab-rw-", false);
    private final AccessKey readOnlyKey = AccessKey.generate("kvlab-ro-", true);
    private final DataRoles roles = new DataRoles();
    private final ConfigAuditLog auditLog = new ConfigAuditLog();
    private volatile LocalVault vault;
    private volatile ConfigStore store;

    /** A store seeded with {@link ConfigSeed#LAB} (what {@code ./jbang vault --app-config} runs). */
    public AppConfigService() {
        this(ConfigSeed.LAB);
    }

    public AppConfigService(ConfigSeed seed) {
        this.seed = Objects.requireNonNull(seed, "seed");
    }

    @Override
    public String hostName() {
        return HOST_NAME;
    }

    @Override
    public HostHandler start(LocalVault vault) {
        if (this.vault != null) {
            throw new IllegalStateException("this App Configuration store already runs beside a vault");
        }
        this.vault = vault;
        this.store = new ConfigStore(vault.clock());
        store.reset(seed.settings(vault.url()));
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        ConfigApi api = new ConfigApi(store, roles, List.of(readWriteKey, readOnlyKey),
                authorization -> verify(vault, authorization), vault.clock(),
                auditLog, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        return new ConfigFront(api);
    }

    /** A token for either of App Configuration's audiences. */
    private static Caller verify(LocalVault vault, String authorization) {
        Caller caller = vault.tokenService().verify(authorization, ConfigApi.RESOURCE);
        if (caller instanceof Caller.Rejected rejected && rejected.reason().equals("InvalidAudience")) {
            return vault.tokenService().verify(authorization, ConfigApi.RESOURCE_NEW);
        }
        return caller;
    }

    @Override
    public String exports(LocalVault vault) {
        // single quotes: a connection string holds ';', which a shell would take as the end of the command
        return "export APP_CONFIG_ENDPOINT=" + endpoint() + "\n"
                + "export APP_CONFIG_CONNECTION_STRING='" + connectionString() + "'\n";
    }

    /** {@code https://kvlab-config.localhost:<port>}. */
    public URI endpoint() {
        return URI.create("https://" + HOST_NAME + ".localhost:" + running().port());
    }

    /** {@code Endpoint=...;Id=...;Secret=...} with the read-write access key. */
    public String connectionString() {
        return readWriteKey.connectionString(endpoint().toString());
    }

    /** The same with the read-only key: writes get 403. */
    public String readOnlyConnectionString() {
        return readOnlyKey.connectionString(endpoint().toString());
    }

    public DataRoles roles() {
        return roles;
    }

    public ConfigAuditLog auditLog() {
        return auditLog;
    }

    /** The seeded settings again; role assignments back to the built-in ones; the audit log cleared. */
    public void reset() {
        LocalVault running = running();
        store.reset(seed.settings(running.url()));
        roles.reset();
        auditLog.clear();
    }

    private LocalVault running() {
        LocalVault running = vault;
        if (running == null) {
            throw new IllegalStateException("the App Configuration store has not started: add it to a vault with"
                    + " LocalVault.builder().companion(...), or use LocalAppConfig.start()");
        }
        return running;
    }
}
