package dev.kvlab.appconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code key}, {@code label} or {@code name} filter as App Configuration reads it: {@code *} (or none) matches
 * anything; {@code abc} exactly abc; {@code abc*} anything starting with abc; {@code a,b} either (at most 5);
 * {@code \0} (URL {@code %00}) the missing label. {@code *}, {@code \} and {@code ,} are reserved and escaped with a
 * backslash; a {@code *} anywhere but at the end of a part is refused, as Azure does.
 */
final class Filter {
    static final int MAX_PARTS = 5;
    private static final Filter ANY = new Filter(null);
    private final List<Part> parts;

    private record Part(String text, boolean prefix, boolean noLabel) {
        boolean matches(String candidate) {
            if (noLabel) {
                return candidate == null;
            }
            if (candidate == null) {
                return false;
            }
            return prefix ? candidate.startsWith(text) : candidate.equals(text);
        }
    }

    private Filter(List<Part> parts) {
        this.parts = parts;
    }

    /** Parses {@code filter} (null = any) for the query parameter {@code name}; a bad one is a 400 Problem. */
    static Filter parse(String name, String filter) {
        if (filter == null || filter.equals("*")) {
            return ANY;
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean prefix = false;
        for (int i = 0; i <= filter.length(); i++) {
            if (i == filter.length() || filter.charAt(i) == ',') {
                String part = text.toString();
                parts.add(new Part(part, prefix, !prefix && part.equals("\0")));
                text.setLength(0);
                prefix = false;
                continue;
            }
            char c = filter.charAt(i);
            if (prefix) {
                throw Problem.invalidArgument(name, name + "(" + i + "): Invalid character");
            }
            if (c == '\\') {
                if (i + 1 == filter.length()) {
                    throw Problem.invalidArgument(name, name + "(" + (i + 1) + "): Invalid escape sequence");
                }
                text.append(filter.charAt(++i));
            } else if (c == '*') {
                prefix = true;
            } else {
                text.append(c);
            }
        }
        if (parts.size() > MAX_PARTS) {
            throw Problem.invalidArgument(name, name + ": at most " + MAX_PARTS + " comma-separated values");
        }
        if (parts.stream().anyMatch(p -> p.prefix && p.text.isEmpty()) && parts.size() > 1) {
            throw Problem.invalidArgument(name, name + ": '*' cannot be combined with other values");
        }
        return parts.stream().anyMatch(p -> p.prefix && p.text.isEmpty()) ? ANY : new Filter(List.copyOf(parts));
    }

    boolean matches(String candidate) {
        return parts == null || parts.stream().anyMatch(part -> part.matches(candidate));
    }
}
