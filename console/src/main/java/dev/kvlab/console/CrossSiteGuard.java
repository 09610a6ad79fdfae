package dev.kvlab.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps other web pages from driving the console. Any page the learner visits can make their browser send requests to
 * 127.0.0.1: a form posted across sites, or (after DNS rebinding) requests under another host name. So a request must
 * name the console itself in {@code Host}, and a POST must come from the console's own page: a same-origin
 * {@code Origin} or {@code Sec-Fetch-Site}, or, from a client that sends neither, the session's token, which only the
 * console's page carries (a hidden form field, so the page works without JavaScript).
 */
final class CrossSiteGuard {
    static final String TOKEN_FIELD = "token";

    private final String home;
    private final Set<String> hosts;
    private final Set<String> origins;
    private final String token;

    CrossSiteGuard(int port) {
        this(port, newToken());
    }

    CrossSiteGuard(int port, String token) {
        this.home = "http://127.0.0.1:" + port + "/";
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port, "http://[::1]:" + port);
        this.token = token;
    }

    /** The session's token, for the page's forms. */
    String token() {
        return token;
    }

    /** Why the console refuses a request under this {@code Host}, or empty when it names the console. */
    Optional<String> hostRefusal(String host) {
        if (host != null && hosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of("This is the lab console: it answers only at " + home + " (or localhost), not under the host name "
                + (host == null ? "(none)" : "'" + printable(host) + "'") + ".");
    }

    /** Why the console refuses this POST, or empty when it comes from the console's own page. */
    Optional<String> postRefusal(String origin, String fetchSite, String formBody) {
        if (origin != null) {
            // "null" is what sandboxed frames, files and redirected cross-site posts send: never the console's page
            return origins.contains(origin.toLowerCase(Locale.ROOT)) ? Optional.empty()
                    : Optional.of("Refused: this action was sent by another web page (" + printable(origin)
                      + "). Use the console's own page at " + home + ".");
        }
        if (fetchSite != null) {
            return fetchSite.equalsIgnoreCase("same-origin") ? Optional.empty()
                    : Optional.of("Refused: this action was not sent by the console's own page (Sec-Fetch-Site: "
                      + printable(fetchSite) + ").");
        }
        String sent = formField(formBody, TOKEN_FIELD);
        if (sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of("Refused: this action carries no valid console token. Reload the console's page and click again.");
    }

    /** One field of an {@code application/x-www-form-urlencoded} body, or null. */
    static String formField(String body, String name) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;   // a broken %-escape is no token
                }
            }
        }
        return null;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What a header said, safe to quote in a one-line message. */
    private static String printable(String value) {
        String clean = value.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }
}
