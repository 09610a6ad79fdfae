package dev.kvlab.vault.secrets;

/**
 * One line of the routing table: method, path pattern ({@code {name}} and {@code {version}} bind segments), Azure's
 * operation name for the audit log, the RBAC data action it needs, and the operation.
 */
public record Route(String method, String[] segments, String operation, String action, Operation handler) {

    /** An operation of the secrets API. */
    @FunctionalInterface
    public interface Operation {
        Reply run(Call c);
    }

    static Route of(String method, String path, String operation, String action, Operation handler) {
        return new Route(method, path.substring(1).split("/", -1), operation, action, handler);
    }

    /** How many segments are literal: a literal beats a name ({@code GET /secrets/x/versions} lists versions). */
    int literals() {
        int n = 0;
        for (String segment : segments) {
            if (!segment.startsWith("{")) {
                n++;
            }
        }
        return n;
    }

    /** Binds {name} and {version} to a path's segments, or null when the path does not fit. */
    String[] bind(String[] path) {
        if (segments.length != path.length) {
            return null;
        }
        String[] found = new String[2];
        for (int i = 0; i < segments.length; i++) {
            switch (segments[i]) {
                case "{name}" -> {
                    if (path[i].isEmpty()) {
                        return null;
                    }
                    found[0] = path[i];
                }
                case "{version}" -> found[1] = path[i];
                default -> {
                    if (!segments[i].equalsIgnoreCase(path[i])) {
                        return null;
                    }
                }
            }
        }
        return found;
    }
}
