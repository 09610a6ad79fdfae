package dev.kvlab.appconfig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * App Configuration's HMAC-SHA256 request signing, checked as Azure documents it: {@code Authorization:
 * HMAC-SHA256 Credential=<id>&SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>} over
 * {@code METHOD \n path?query \n <signed header values joined by ;>}; the body must hash to
 * {@code x-ms-content-sha256}, and the date ({@code x-ms-date}, else {@code Date}) must be within 15 minutes of the
 * store's clock. A refusal is the {@code error_description} Azure puts in its 401's {@code WWW-Authenticate}.
 */
final class HmacAuthentication {
    static final String SCHEME = "HMAC-SHA256";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private HmacAuthentication() {
    }

    /** The outcome: the key that signed the request, or why it is refused. */
    record Result(AccessKey key, String refusal) {
    }

    /**
     * @param authorization the header's value, starting with {@link #SCHEME}
     * @param header        a request header by name (any case), null when absent
     */
    static Result verify(String authorization, String method, String pathAndQuery, byte[] body,
                         Function<String, String> header, Function<String, AccessKey> keys, Instant now) {
        Map<String, String> parameters = parameters(authorization.substring(SCHEME.length()));
        List<String> missing = new ArrayList<>();
        for (String name : new String[] {"Credential", "SignedHeaders", "Signature"}) {
            if (parameters.get(name) == null || parameters.get(name).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            return refuse("[" + String.join("][", missing) + "] is required");
        }
        AccessKey key = keys.apply(parameters.get("Credential"));
        if (key == null) {
            return refuse("Invalid Credential");
        }
        List<String> signed = List.of(parameters.get("SignedHeaders").toLowerCase(Locale.ROOT).split(";"));
        if (!signed.contains("host")) {
            return refuse("Host is required as a signed header");
        }
        if (!signed.contains("x-ms-date") && !signed.contains("date")) {
            return refuse("x-ms-date or Date is required as a signed header");
        }
        if (!signed.contains("x-ms-content-sha256")) {
            return refuse("x-ms-content-sha256 is required as a signed header");
        }
        List<String> values = new ArrayList<>();
        for (String name : signed) {
            String value = header.apply(name);
            if (value == null) {
                return refuse("Signed request header '" + Text.safe(name) + "' is not provided");
            }
            values.add(value);
        }
        String date = header.apply("x-ms-date") != null ? header.apply("x-ms-date") : header.apply("Date");
        Instant sent;
        try {
            sent = ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            return refuse("Invalid access token date");
        }
        if (Duration.between(sent, now).abs().compareTo(MAX_SKEW) > 0) {
            return refuse("The access token has expired");
        }
        String stringToSign = method.toUpperCase(Locale.ROOT) + "\n" + pathAndQuery + "\n" + String.join(";", values);
        byte[] expected = hmac(key.secret(), stringToSign);
        byte[] given;
        try {
            given = Base64.getDecoder().decode(parameters.get("Signature"));
        } catch (IllegalArgumentException e) {
            return refuse("Invalid Signature");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return refuse("Invalid Signature");
        }
        // the signature covers the hash header; the hash must cover the body that came
        if (!MessageDigest.isEqual(header.apply("x-ms-content-sha256").trim().getBytes(StandardCharsets.US_ASCII),
                contentHash(body).getBytes(StandardCharsets.US_ASCII))) {
            return refuse("Invalid Signature");
        }
        return new Result(key, null);
    }

    /** base64(SHA-256(body)), the {@code x-ms-content-sha256} value. */
    static String contentHash(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result refuse(String description) {
        return new Result(null, description);
    }

    /** {@code Credential=a&SignedHeaders=b&Signature=c}; Azure's samples also separate with {@code ", "}. */
    private static Map<String, String> parameters(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : text.trim().split("&|,")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq).trim();
                for (String known : new String[] {"Credential", "SignedHeaders", "Signature"}) {
                    if (known.equalsIgnoreCase(name)) {
                        parameters.put(known, pair.substring(eq + 1).trim());
                    }
                }
            }
        }
        return parameters;
    }
}
