package dev.kvlab.appconfig;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store's side of the vault's HTTPS front: reads the request (body capped), hands it to {@link ConfigApi},
 * writes the answer. Whatever goes wrong in here, the client gets a problem+json answer, never a stack trace.
 */
final class ConfigFront implements HttpHandler {
    /** Far more than a 10 KB key-value needs, even JSON-escaped. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final Logger LOG = Logger.getLogger(ConfigFront.class.getName());
    private final ConfigApi api;

    ConfigFront(ConfigApi api) {
        this.api = api;
    }

    @Override
    public void handle(HttpExchange exchange) {
        ConfigResponse response;
        try {
            byte[] body = readBody(exchange);
            if (body == null) {
                exchange.getResponseHeaders().set("Connection", "close");
                response = problem(Problem.tooLarge("The request body is larger than " + MAX_BODY_BYTES + " bytes."));
            } else {
                ConfigRequest request = new ConfigRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                        name -> exchange.getRequestHeaders().getFirst(name), body);
                response = api.handle(request);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("local App Configuration: a request failed inside the store (" + e + ")");
            LOG.log(Level.FINE, "the failure", e);
            response = problem(new Problem(500, "https://azconfig.io/errors/internal-error", "Internal Server Error",
                    null, "The local App Configuration store could not handle this request."));
        }
        write(exchange, response);
    }

    private static ConfigResponse problem(Problem problem) {
        return new ConfigResponse(problem.status, new java.util.LinkedHashMap<>(
                Map.of("Content-Type", "application/problem+json; charset=utf-8")), SettingJson.problem(problem));
    }

    /** The body, or null when it is larger than the limit. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void write(HttpExchange exchange, ConfigResponse response) {
        try (exchange) {
            byte[] body = response.body() == null ? new byte[0] : response.body();
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304
                    || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "client closed the connection", e);
        }
    }
}
