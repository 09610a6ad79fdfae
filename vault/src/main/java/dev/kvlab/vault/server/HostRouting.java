package dev.kvlab.vault.server;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which vault a {@code Host} header addresses: {@code <name>.localhost[:port]} is vault {@code name};
 * {@code localhost}, {@code 127.0.0.1} and {@code [::1]} are the default vault.
 */
final class HostRouting {
    private static final String SUFFIX = ".localhost";
    private final Predicate<String> isVault;
    private final String defaultVault;

    HostRouting(Predicate<String> isVault, String defaultVault) {
        this.isVault = isVault;
        this.defaultVault = defaultVault;
    }

    /** The vault and the host as the client wrote it (ids are built from it), or null for an unknown host. */
    record Route(String vault, String hostHeader) {
    }

    Route route(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String header = hostHeader.trim().toLowerCase(Locale.ROOT);
        String host = hostName(header);
        if (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")) {
            return new Route(defaultVault, header);
        }
        if (host.endsWith(SUFFIX)) {
            String name = host.substring(0, host.length() - SUFFIX.length());
            if (!name.isEmpty() && name.indexOf('.') < 0 && isVault.test(name)) {
                return new Route(name, header);
            }
        }
        return null;
    }

    /** The host name of a {@code Host} header, lower case, without port or trailing dot ("" for none). */
    static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String header = hostHeader.trim().toLowerCase(Locale.ROOT);
        String host = header;
        if (header.startsWith("[")) {
            int end = header.indexOf(']');
            host = end < 0 ? header : header.substring(0, end + 1);
        } else {
            int colon = header.lastIndexOf(':');
            if (colon >= 0) {
                host = header.substring(0, colon);
            }
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
