package dev.kvlab.appconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Key-values, lists and problems in App Configuration's JSON (snake_case fields, ISO 8601 times). */
final class SettingJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The fields {@code $select} may name, in Azure's order. */
    static final List<String> FIELDS = List.of("etag", "key", "label", "content_type", "value", "last_modified",
            "locked", "tags");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
            .withZone(ZoneOffset.UTC);

    private SettingJson() {
    }

    /** What a PUT body may set. */
    record Body(String value, String contentType, Map<String, String> tags) {
    }

    static Body parseBody(byte[] body) {
        if (body.length == 0) {
            return new Body(null, null, Map.of());
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw Problem.invalidArgument("body", "The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw Problem.invalidArgument("body", "The request body must be a JSON object.");
        }
        String value = text(node, "value");
        String contentType = text(node, "content_type");
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode tagNode = node.get("tags");
        if (tagNode != null && !tagNode.isNull()) {
            if (!tagNode.isObject()) {
                throw Problem.invalidArgument("tags", "tags must be a JSON object of strings.");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = tagNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> tag = fields.next();
                if (!tag.getValue().isTextual() && !tag.getValue().isNull()) {
                    throw Problem.invalidArgument("tags", "The tag '" + Text.safe(tag.getKey()) + "' must be a string.");
                }
                tags.put(tag.getKey(), tag.getValue().isNull() ? null : tag.getValue().asText());
            }
        }
        return new Body(value, contentType, tags);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw Problem.invalidArgument(field, field + " must be a string.");
        }
        return value.asText();
    }

    static ObjectNode setting(Setting setting, Set<String> fields) {
        ObjectNode node = MAPPER.createObjectNode();
        for (String field : FIELDS) {
            if (fields != null && !fields.contains(field)) {
                continue;
            }
            switch (field) {
                case "etag" -> node.put("etag", setting.etag());
                case "key" -> node.put("key", setting.key());
                case "label" -> node.put("label", setting.label());
                case "content_type" -> node.put("content_type", setting.contentType());
                case "value" -> node.put("value", setting.value());
                case "last_modified" -> node.put("last_modified", TIME.format(setting.lastModified()));
                case "locked" -> node.put("locked", setting.locked());
                case "tags" -> {
                    ObjectNode tags = node.putObject("tags");
                    setting.tags().forEach(tags::put);
                }
                default -> throw new IllegalStateException(field);
            }
        }
        return node;
    }

    static byte[] settingBytes(Setting setting, Set<String> fields) {
        return bytes(setting(setting, fields));
    }

    static byte[] list(List<Setting> settings, Set<String> fields, String nextLink, String etag) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode items = node.putArray("items");
        settings.forEach(setting -> items.add(setting(setting, fields)));
        if (etag != null) {
            node.put("etag", etag);
        }
        if (nextLink != null) {
            node.put("@nextLink", nextLink);
        }
        return bytes(node);
    }

    static byte[] labels(List<String> labels, String nextLink) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode items = node.putArray("items");
        labels.forEach(label -> items.addObject().put("name", label));
        if (nextLink != null) {
            node.put("@nextLink", nextLink);
        }
        return bytes(node);
    }

    static byte[] problem(Problem problem) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", problem.type);
        node.put("title", problem.title);
        if (problem.name != null) {
            node.put("name", problem.name);
        }
        node.put("detail", problem.getMessage());
        node.put("status", problem.status);
        return bytes(node);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
