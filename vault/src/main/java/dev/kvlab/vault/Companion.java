package dev.kvlab.vault;

import dev.kvlab.vault.server.HostHandler;

/**
 * Another service the vault's HTTPS front serves on a host name of its own, sharing the vault's certificate, token
 * service and clock instead of running a second server: the local App Configuration store (module {@code appconfig})
 * is one. Add it with {@link LocalVault.Builder#companion}; {@code ./jbang vault --app-config} finds it with
 * {@link java.util.ServiceLoader}, so the vault itself depends on nothing of it.
 */
public interface Companion extends AutoCloseable {

    /** The name below {@code .localhost} it is served at, e.g. {@code kvlab-config}; the certificate names it. */
    String hostName();

    /**
     * Called once, when the vault serves: the handler for every request to
     * {@code https://<hostName>.localhost:<port>}. The front has parsed the request head within its limits and
     * deadlines; the handler reads the body only when it wants it (after authenticating the caller, where it can).
     */
    HostHandler start(LocalVault vault);

    /** The {@code export} lines {@code ./jbang vault} prints and writes to its env file for this service. */
    default String exports(LocalVault vault) {
        return "";
    }

    /** Called when the vault closes. */
    @Override
    default void close() {
    }
}
