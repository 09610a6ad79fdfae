package dev.kvlab.runtime;

import com.azure.core.exception.HttpResponseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Key Vault said when it refused a request: the HTTP status and Azure's error code from the error body
 * {@code {"error":{"code":"Forbidden","message":"...","innererror":{"code":"ForbiddenByRbac"}}}}.
 *
 * <pre>{@code
 * } catch (HttpResponseException e) {
 *     String status = "error: " + ServiceError.of(e).code();   // e.g. "error: Forbidden"
 * }
 * }</pre>
 *
 * @param status    the HTTP status, e.g. 403
 * @param code      Azure's error code, e.g. {@code Forbidden}, {@code SecretNotFound}; {@code HTTP <status>} when
 *                  the body carried none, the exception's simple name when there was no response
 * @param innerCode the more specific code, e.g. {@code ForbiddenByRbac}, {@code SecretDisabled}; may be null
 * @param message   the service's message, may be null (wording changes: never decide on it)
 */
public record ServiceError(int status, String code, String innerCode, String message) {
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Reads the error the SDK parsed into {@code e.getValue()}, or failing that the body quoted in its message. */
    public static ServiceError of(HttpResponseException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        String code = null;
        String inner = null;
        String message = null;
        if (e.getValue() instanceof Map<?, ?> body && body.get("error") instanceof Map<?, ?> error) {
            code = text(error.get("code"));
            message = text(error.get("message"));
            if (error.get("innererror") instanceof Map<?, ?> innerError) {
                inner = text(innerError.get("code"));
            }
        } else if (e.getMessage() != null) {
            Matcher m = CODE.matcher(e.getMessage());
            if (m.find()) {
                code = m.group(1);
                if (m.find()) {
                    inner = m.group(1);
                }
            }
            Matcher mm = MESSAGE.matcher(e.getMessage());
            if (mm.find()) {
                message = mm.group(1);
            }
        }
        if (code == null || code.isEmpty()) {
            // no response at all (the credential failed before a request was sent): name the exception instead
            code = e.getResponse() == null ? e.getClass().getSimpleName() : "HTTP " + status;
        }
        return new ServiceError(status, code, inner, message);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
