package dev.kvlab.vault.conformance;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The Key Vault error an SDK exception carries ({@code e.getValue()}), as code, inner code and message. */
record ErrorBody(int status, String code, String innerCode, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ErrorBody of(HttpResponseException e) {
        JsonNode body = parse(e.getValue());
        JsonNode error = body.path("error");
        return new ErrorBody(e.getResponse().getStatusCode(), error.path("code").asText(null),
                error.path("innererror").path("code").asText(null), error.path("message").asText(null));
    }

    private static JsonNode parse(Object value) {
        try {
            if (value instanceof BinaryData data) {
                return JSON.readTree(data.toBytes());
            }
            if (value instanceof String text) {
                return JSON.readTree(text);
            }
            if (value instanceof Map<?, ?> map) {
                return JSON.valueToTree(map);
            }
            // a typed model (older SDKs): its JSON form
            return JSON.valueToTree(value);
        } catch (Exception e) {
            throw new AssertionError("the SDK exception carries no readable error: " + value, e);
        }
    }
}
