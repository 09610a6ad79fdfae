package dev.kvlab.appconfig;

import dev.kvlab.vault.server.HostHandler;
import dev.kvlab.vault.server.HostRequest;
import dev.kvlab.vault.server.HostResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store's side of the vault's HTTPS front ({@link HostHandler}): the front has parsed the request head within its
 * limits and deadlines; this reads the body (capped) only from a client that may be served, hands the request to
 * {@link ConfigApi} and returns its answer. Whatever goes wrong in here, the client gets a problem+json answer, never
 * a stack trace.
 */
final class ConfigFront implements HostHandler {
    /** Far more than a 10 KB key-value needs, even JSON-escaped. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Logger LOG = Logger.getLogger(ConfigFront.class.getName());
    private final ConfigApi api;

    ConfigFront(ConfigApi api) {
        this.api = api;
    }

    @Override
    public HostResponse handle(HostRequest request) throws IOException {
        ConfigResponse response;
        try {
            // Only a caller who may be served uploads anything (ConfigApi.readsBodyFor): without credentials, with a
            // bad token or without a data role the answer comes from the headers alone, and the front skips a small
            // unread body or closes the connection on a large one. An HMAC signature covers the body's hash, so
            // there the body is read (at most 256 KiB) before ConfigApi checks the signature.
            byte[] body = api.readsBodyFor(request.header("Authorization")) ? request.body(MAX_BODY_BYTES) : new byte[0];
            response = api.handle(new ConfigRequest(request.method(), request.rawPath(), request.rawQuery(),
                    request::header, body));
        } catch (HostRequest.BodyRefused refused) {
            response = problem(refused.status() == 413
                    ? Problem.tooLarge("The request body is larger than " + MAX_BODY_BYTES + " bytes.")
                    : new Problem(refused.status(), "https://azconfig.io/errors/invalid-request", "Bad Request",
                    null, refused.getMessage()));
        } catch (RuntimeException e) {
            LOG.warning("local App Configuration: a request failed inside the store (" + e + ")");
            LOG.log(Level.FINE, "the failure", e);
            response = problem(new Problem(500, "https://azconfig.io/errors/internal-error", "Internal Server Error",
                    null, "The local App Configuration store could not handle this request."));
        }
        return new HostResponse(response.status(), response.headers(), response.body());
    }

    private static ConfigResponse problem(Problem problem) {
        return new ConfigResponse(problem.status, new LinkedHashMap<>(
                Map.of("Content-Type", "application/problem+json; charset=utf-8")), SettingJson.problem(problem));
    }
}
