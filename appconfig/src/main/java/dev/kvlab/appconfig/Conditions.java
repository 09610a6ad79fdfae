package dev.kvlab.appconfig;

/**
 * {@code If-Match} / {@code If-None-Match} as sent ({@code "etag"}, a list of them, or {@code *}); null = absent.
 * What refresh polling relies on: a GET whose If-None-Match still matches gets 304 and no body.
 */
record Conditions(String ifMatch, String ifNoneMatch) {
    static final Conditions NONE = new Conditions(null, null);

    /** For a write: 412 unless both conditions hold for {@code current} (null = the key-value does not exist). */
    void checkWrite(Setting current) {
        if (!holds(current)) {
            throw Problem.preconditionFailed();
        }
    }

    /** For a read: true when If-None-Match matches (answer 304); 412 when If-Match does not match. */
    boolean notModified(Setting current) {
        if (ifMatch != null && !matches(ifMatch, current == null ? null : current.etag())) {
            throw Problem.preconditionFailed();
        }
        return ifNoneMatch != null && matches(ifNoneMatch, current == null ? null : current.etag());
    }

    /** The same for a representation that is not one setting (a page of a list), by its ETag. */
    boolean notModified(String etag) {
        if (ifMatch != null && !matches(ifMatch, etag)) {
            throw Problem.preconditionFailed();
        }
        return ifNoneMatch != null && matches(ifNoneMatch, etag);
    }

    private boolean holds(Setting current) {
        String etag = current == null ? null : current.etag();
        return (ifMatch == null || matches(ifMatch, etag)) && (ifNoneMatch == null || !matches(ifNoneMatch, etag));
    }

    /** RFC 7232 entity-tag lists; {@code *} matches anything that exists. Weak tags compare like strong ones. */
    private static boolean matches(String header, String etag) {
        if (etag == null) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
