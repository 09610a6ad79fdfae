package dev.kvlab.lab;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The secret values the lab must never print whole, and the scan that holds every output to that. */
final class Leaks {
    static final String API_KEY = "sk-proj-kvlab7Qm2Xv9Lr4Tn8Wb3Zc6Hd1Jf5Gk0Ps2Ua7Ye9Ri4Oq";
    static final String CONNECTION_STRING = "AccountEndpoint=https://kvlab-cosmos.documents.azure.com:443/;"
            + "AccountKey=c2VjcmV0LWxhYi1mYWtlLWtleS1kby1ub3QtdXNlLWluLXByb2R1Y3Rpb24tZXZlcg==;";
    /** A masked value shows at most 20 characters: any longer run of a seeded value is a leak. */
    private static final int WINDOW = 21;
    /** Rotated values are {@code sk-proj-kvlab} + 40 random characters; the mask shows 7 of them. */
    private static final Pattern ROTATED = Pattern.compile("sk-proj-kvlab[A-Za-z0-9]{8,}");

    private Leaks() {
    }

    static void assertNone(String where, String output) {
        for (String value : List.of(API_KEY, CONNECTION_STRING)) {
            for (int i = 0; i + WINDOW <= value.length(); i++) {
                String run = value.substring(i, i + WINDOW);
                if (output.contains(run)) {
                    fail(where + " shows more of a seeded secret than the mask allows: \"" + run + "\"\n" + output);
                }
            }
        }
        Matcher m = ROTATED.matcher(output);
        if (m.find()) {
            fail(where + " shows a (rotated) API key beyond its mask: \"" + m.group() + "\"\n" + output);
        }
    }

    static void assertNone(JBang.Run run) {
        assertNone(String.join(" ", run.command()), run.output());
    }
}
