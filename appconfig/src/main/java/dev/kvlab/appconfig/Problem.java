package dev.kvlab.appconfig;

/**
 * A request App Configuration refuses, answered as RFC 7807 {@code application/problem+json} the way Azure writes
 * it: {@code type} (an {@code https://azconfig.io/errors/...} URI), {@code title}, {@code name}, {@code detail},
 * {@code status}.
 */
final class Problem extends RuntimeException {
    final int status;
    final String type;
    final String title;
    final String name;

    Problem(int status, String type, String title, String name, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.name = name;
    }

    /** 400 for a query parameter, header or body field: Azure's {@code invalid-argument}. */
    static Problem invalidArgument(String name, String detail) {
        return new Problem(400, "https://azconfig.io/errors/invalid-argument",
                "Invalid request parameter '" + name + "'", name, detail);
    }

    /** 409 for a write to a locked (read-only) key-value. */
    static Problem keyLocked(String key) {
        return new Problem(409, "https://azconfig.io/errors/key-locked", "Modifying key '" + key + "' is not allowed",
                key, "The key is read-only. To allow modification unlock it first.");
    }

    static Problem notFound(String detail) {
        return new Problem(404, "https://azconfig.io/errors/not-found", "Not Found", null, detail);
    }

    static Problem methodNotAllowed(String method, String path) {
        return new Problem(405, "https://azconfig.io/errors/method-not-allowed", "Method Not Allowed", null,
                "The method " + method + " is not allowed on " + path + ".");
    }

    static Problem preconditionFailed() {
        return new Problem(412, "https://azconfig.io/errors/precondition-failed", "Precondition Failed", null,
                "The ETag in If-Match or If-None-Match does not fit the key-value's current state.");
    }

    static Problem forbidden(String detail) {
        return new Problem(403, "https://azconfig.io/errors/forbidden", "Forbidden", null, detail);
    }

    static Problem tooLarge(String detail) {
        return new Problem(413, "https://azconfig.io/errors/too-large", "Request Entity Too Large", null, detail);
    }

    static Problem unsupportedMediaType(String contentType) {
        return new Problem(415, "https://azconfig.io/errors/unsupported-media-type", "Unsupported Media Type", null,
                "The Content-Type " + Text.safe(contentType) + " is not supported; send "
                        + "application/vnd.microsoft.appconfig.kv+json.");
    }
}
