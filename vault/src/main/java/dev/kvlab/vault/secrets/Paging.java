package dev.kvlab.vault.secrets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Key Vault's paging: {@code maxresults} 1..25 (default 25), an opaque {@code $skiptoken} naming where the next page
 * starts, and an absolute {@code nextLink} the SDK follows verbatim ({@code null} on the last page).
 */
public final class Paging {
    public static final int MAX_RESULTS = 25;
    private static final String TOKEN_PREFIX = "kvlab1:";

    private Paging() {
    }

    /** One page: its items and, when more follow, the marker the next page starts from (else null). */
    public record Page<T>(List<T> items, String marker) {
    }

    public static int maxResults(String text) {
        if (text == null || text.isEmpty()) {
            return MAX_RESULTS;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_RESULTS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer Azure gives for any value out of range
        }
        throw KeyVaultError.badParameter("Invalid value for maxresults: " + text + ". It must be a number from 1 to "
                + MAX_RESULTS + ".");
    }

    /** The items after {@code skipToken} (null: from the start), at most {@code max}, in the map's key order. */
    public static <T> Page<T> page(NavigableMap<String, T> sorted, String skipToken, int max) {
        NavigableMap<String, T> rest = skipToken == null ? sorted : sorted.tailMap(decode(skipToken), false);
        List<T> items = new ArrayList<>(max);
        String last = null;
        for (Map.Entry<String, T> e : rest.entrySet()) {
            if (items.size() == max) {
                return new Page<>(items, last); // more follow
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        return new Page<>(items, null);
    }

    /** Paging over a list that only ever grows at its end (versions): the token is a position. */
    public static <T> Page<T> pageAt(List<T> list, String skipToken, int max) {
        int start = 0;
        if (skipToken != null) {
            try {
                start = Integer.parseInt(decode(skipToken));
            } catch (NumberFormatException e) {
                throw KeyVaultError.badParameter("The $skiptoken is not valid; use the nextLink of the previous page.");
            }
            if (start < 0 || start > list.size()) {
                throw KeyVaultError.badParameter("The $skiptoken is not valid; use the nextLink of the previous page.");
            }
        }
        int end = Math.min(list.size(), start + max);
        return new Page<>(List.copyOf(list.subList(start, end)), end < list.size() ? Integer.toString(end) : null);
    }

    /** The response body: {@code {"value":[...],"nextLink":...}}. */
    public static ObjectNode body(List<ObjectNode> items, String marker, String listUrl, String apiVersion,
                                  int max) {
        ObjectNode body = SecretJson.MAPPER.createObjectNode();
        ArrayNode value = body.putArray("value");
        items.forEach(value::add);
        if (marker == null) {
            body.putNull("nextLink");
        } else {
            body.put("nextLink", listUrl + "?api-version=" + apiVersion + "&$skiptoken=" + encode(marker)
                    + "&maxresults=" + max);
        }
        return body;
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(TOKEN_PREFIX)) {
                return text.substring(TOKEN_PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // not base64url: the same 400 as a token we did not issue
        }
        throw KeyVaultError.badParameter("The $skiptoken is not valid; use the nextLink of the previous page.");
    }
}
