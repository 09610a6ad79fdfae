package dev.kvlab.vault.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire shapes of the secrets API: bundles and list items out, request bodies in. Field names, epoch-second
 * times and omitted absent fields exactly as Azure sends them.
 */
public final class SecretJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** Limits Azure enforces on a secret (each violation is a 400 BadParameter). */
    public static final int MAX_VALUE_BYTES = 25 * 1024;
    public static final int MAX_CONTENT_TYPE = 255;
    public static final int MAX_TAGS = 15;
    public static final int MAX_TAG_LENGTH = 512;

    private SecretJson() {
    }

    /** What a PUT or PATCH body says; null fields were absent. */
    public record Input(String value, String contentType, Map<String, String> tags, Boolean enabled,
                        Instant notBefore, Instant expires) {
    }

    // --- out ---

    /** {@code attributes} of a version, with the vault's recovery level (the SDK needs it on every bundle). */
    static ObjectNode attributes(SecretVersion v, Vault vault, ApiVersion api) {
        ObjectNode a = MAPPER.createObjectNode();
        a.put("enabled", v.enabled());
        if (v.notBefore() != null) {
            a.put("nbf", v.notBefore().getEpochSecond());
        }
        if (v.expires() != null) {
            a.put("exp", v.expires().getEpochSecond());
        }
        a.put("created", v.created().getEpochSecond());
        a.put("updated", v.updated().getEpochSecond());
        if (api.atLeast(ApiVersion.V7_1)) {
            a.put("recoverableDays", vault.retentionDays());
        }
        a.put("recoveryLevel", vault.recoveryLevel());
        return a;
    }

    /** A secret bundle; {@code withValue} is false where Azure sends none (update, delete, recover, restore). */
    static ObjectNode bundle(String baseUrl, Secret s, SecretVersion v, Vault vault, ApiVersion api,
                             boolean withValue) {
        ObjectNode b = MAPPER.createObjectNode();
        if (withValue) {
            b.put("value", v.value());
        }
        if (v.contentType() != null) {
            b.put("contentType", v.contentType());
        }
        b.put("id", baseUrl + "/secrets/" + s.name() + "/" + v.version());
        b.set("attributes", attributes(v, vault, api));
        putTags(b, v.tags());
        return b;
    }

    /** A list item: id without a version (for {@code versioned} lists, with one), never a value. */
    static ObjectNode item(String baseUrl, Secret s, SecretVersion v, Vault vault, ApiVersion api, boolean versioned) {
        ObjectNode i = MAPPER.createObjectNode();
        i.put("id", baseUrl + "/secrets/" + s.name() + (versioned ? "/" + v.version() : ""));
        i.set("attributes", attributes(v, vault, api));
        if (v.contentType() != null) {
            i.put("contentType", v.contentType());
        }
        putTags(i, v.tags());
        return i;
    }

    static ObjectNode deletedBundle(String baseUrl, DeletedSecret d, Vault vault, ApiVersion api) {
        ObjectNode b = MAPPER.createObjectNode();
        putDeletion(b, baseUrl, d);
        b.setAll(bundle(baseUrl, d.secret(), d.secret().latest(), vault, api, false));
        return b;
    }

    static ObjectNode deletedItem(String baseUrl, DeletedSecret d, Vault vault, ApiVersion api) {
        ObjectNode i = MAPPER.createObjectNode();
        putDeletion(i, baseUrl, d);
        i.setAll(item(baseUrl, d.secret(), d.secret().latest(), vault, api, false));
        return i;
    }

    private static void putDeletion(ObjectNode node, String baseUrl, DeletedSecret d) {
        node.put("recoveryId", baseUrl + "/deletedsecrets/" + d.secret().name());
        node.put("deletedDate", d.deletedDate().getEpochSecond());
        node.put("scheduledPurgeDate", d.scheduledPurgeDate().getEpochSecond());
    }

    private static void putTags(ObjectNode node, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            ObjectNode t = node.putObject("tags");
            tags.forEach(t::put);
        }
    }

    /** Loads and links what reading a body and writing a reply use, so a start can do it off the request path. */
    public static void warmUp() {
        ObjectNode probe = object("{\"value\":\"warm\",\"tags\":{\"a\":\"b\"},\"attributes\":{\"enabled\":true}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes(probe);
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- in ---

    /** The body as a JSON object, or 400 BadParameter for anything else (empty, malformed, an array...). */
    static ObjectNode object(byte[] body) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            throw KeyVaultError.badParameter("The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw KeyVaultError.badParameter("The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** Reads and validates a set or update body; {@code valueRequired} for set. */
    static Input input(byte[] body, boolean valueRequired) {
        ObjectNode json = object(body);
        String value = null;
        JsonNode v = json.get("value");
        if (v != null && !v.isNull()) {
            if (!v.isTextual()) {
                throw KeyVaultError.badParameter("Property value must be a string.");
            }
            value = v.textValue();
            if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
                throw KeyVaultError.badParameter("The secret value is too large: at most " + MAX_VALUE_BYTES
                        + " bytes are allowed.");
            }
        } else if (valueRequired) {
            throw KeyVaultError.badParameter("The request is missing the secret value (property value).");
        }
        String contentType = text(json, "contentType");
        if (contentType != null && contentType.length() > MAX_CONTENT_TYPE) {
            throw KeyVaultError.badParameter("Property contentType is too long: at most " + MAX_CONTENT_TYPE
                    + " characters are allowed.");
        }
        Map<String, String> tags = tags(json.get("tags"));
        Boolean enabled = null;
        Instant nbf = null;
        Instant exp = null;
        JsonNode attributes = json.get("attributes");
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isObject()) {
                throw KeyVaultError.badParameter("Property attributes must be an object.");
            }
            JsonNode e = attributes.get("enabled");
            if (e != null && !e.isNull()) {
                if (!e.isBoolean()) {
                    throw KeyVaultError.badParameter("Property attributes.enabled must be true or false.");
                }
                enabled = e.booleanValue();
            }
            nbf = epochSeconds(attributes, "nbf");
            exp = epochSeconds(attributes, "exp");
        }
        return new Input(value, contentType, tags, enabled, nbf, exp);
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw KeyVaultError.badParameter("Property " + field + " must be a string.");
        }
        return n.textValue();
    }

    /**
     * Azure keeps dates as .NET {@code DateTime}: years 1 to 9999. A time past that would be stored, then break
     * every later list for every SDK caller (the SDK cannot turn it into an {@code OffsetDateTime}), so it is
     * refused as Azure refuses it.
     */
    static final long EARLIEST_EPOCH_SECOND = -62_135_596_800L; // 0001-01-01T00:00:00Z
    static final long LATEST_EPOCH_SECOND = 253_402_300_799L;   // 9999-12-31T23:59:59Z

    private static Instant epochSeconds(JsonNode attributes, String field) {
        JsonNode n = attributes.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber() || !n.canConvertToLong()
                || n.longValue() < EARLIEST_EPOCH_SECOND || n.longValue() > LATEST_EPOCH_SECOND) {
            throw KeyVaultError.badParameter("Property attributes." + field + " must be a time in seconds since "
                    + "1970-01-01T00:00:00Z, from 0001-01-01 to 9999-12-31.");
        }
        return Instant.ofEpochSecond(n.longValue());
    }

    private static Map<String, String> tags(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw KeyVaultError.badParameter("Property tags must be an object of names and string values.");
        }
        if (n.size() > MAX_TAGS) {
            throw KeyVaultError.badParameter("Too many tags: at most " + MAX_TAGS + " are allowed, got " + n.size()
                    + ".");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (e.getKey().length() > MAX_TAG_LENGTH) {
                throw KeyVaultError.badParameter("A tag name is too long: at most " + MAX_TAG_LENGTH
                        + " characters are allowed.");
            }
            if (!e.getValue().isTextual()) {
                throw KeyVaultError.badParameter("Tag " + e.getKey() + " must have a string value.");
            }
            if (e.getValue().textValue().length() > MAX_TAG_LENGTH) {
                throw KeyVaultError.badParameter("The value of tag " + e.getKey() + " is too long: at most "
                        + MAX_TAG_LENGTH + " characters are allowed.");
            }
            tags.put(e.getKey(), e.getValue().textValue());
        }
        return tags;
    }
}
