package dev.kvlab.vault.server;

/** A request that is not acceptable HTTP: answered with {@code status} in Azure's envelope, then the connection closes. */
final class HttpError extends Exception {
    private final int status;
    private final String code;

    HttpError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, "BadParameter", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
