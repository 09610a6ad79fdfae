package dev.kvlab.appconfig;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A query string's parameters; names compare without case ({@code $Select} and {@code $select} are one). */
final class Query {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    static Query parse(String raw) {
        Query query = new Query();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            query.values.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** The parameter's value; a parameter given twice is refused, as it is ambiguous. */
    String get(String name) {
        List<String> given = values.get(name.toLowerCase(Locale.ROOT));
        if (given == null) {
            return null;
        }
        if (given.size() > 1) {
            throw Problem.invalidArgument(name, "The parameter " + name + " is given more than once.");
        }
        return given.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    private static String decode(String text, String name) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problem.invalidArgument(name, "The query string has a malformed escape sequence.");
        }
    }

    /** A path segment: percent escapes decoded as UTF-8; unlike a query, '+' stays '+'. */
    static String decodePath(String raw) {
        return decode(raw.replace("+", "%2B"), "key");
    }
}
