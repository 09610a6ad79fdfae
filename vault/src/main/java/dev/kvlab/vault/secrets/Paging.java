package dev.kvlab.vault.secrets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Key Vault's paging: {@code maxresults} 1..25 (default 25), an opaque {@code $skiptoken} naming where the next page
 * starts, and an absolute {@code nextLink} the SDK follows verbatim ({@code null} on the last page).
 */
public final class Paging {
    public static final int MAX_RESULTS = 25;
    private static final String TOKEN_PREFIX = "kvlab1:";

    private Paging() {
    }

    /** One page: its items and the key of its last item when more follow (else null). */
    public record Page<T>(List<T> items, String lastKey) {
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

    /** The items after {@code skipToken} (null: from the start), at most {@code max}, in the list's order. */
    public static <T> Page<T> page(List<T> sorted, Function<T, String> key, String skipToken, int max) {
        String after = skipToken == null ? null : decode(skipToken);
        int start = 0;
        if (after != null) {
            while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + max);
        List<T> items = List.copyOf(sorted.subList(start, end));
        return new Page<>(items, end < sorted.size() ? key.apply(sorted.get(end - 1)) : null);
    }

    /** The response body: {@code {"value":[...],"nextLink":...}}. */
    public static ObjectNode body(List<ObjectNode> items, String lastKey, String listUrl, String apiVersion,
                                  int max) {
        ObjectNode body = SecretJson.MAPPER.createObjectNode();
        ArrayNode value = body.putArray("value");
        items.forEach(value::add);
        if (lastKey == null) {
            body.putNull("nextLink");
        } else {
            body.put("nextLink", listUrl + "?api-version=" + apiVersion + "&$skiptoken=" + encode(lastKey)
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
