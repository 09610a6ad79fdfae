package dev.kvlab.vault.secrets;

import java.util.List;

/** The Key Vault data-plane api-versions the local vault speaks: the ones the SDKs in use send. */
public enum ApiVersion {
    /** The first GA version with soft delete; az CLI's older builds and many REST tutorials still send it. */
    V2016_10_01("2016-10-01"),
    V7_0("7.0"), V7_1("7.1"), V7_2("7.2"), V7_3("7.3"), V7_4("7.4"), V7_5("7.5"), V7_6("7.6"),
    V2025_07_01("2025-07-01"), V2026_04_01("2026-04-01");

    private final String text;

    ApiVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static final ApiVersion LATEST = V2026_04_01;

    /** The version named by the query's {@code api-version}; a 400 BadParameter like Azure's when unknown. */
    public static ApiVersion parse(String text) {
        if (text == null || text.isEmpty()) {
            throw KeyVaultError.badParameter("The api-version query parameter is missing. Supported versions: "
                    + supported() + ".");
        }
        for (ApiVersion v : values()) {
            if (v.text.equals(text)) {
                return v;
            }
        }
        throw KeyVaultError.badParameter("The specified version (" + text + ") is not recognized. Consider using "
                + "the latest supported version (" + LATEST.text + ").");
    }

    public boolean atLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    private static String supported() {
        return String.join(", ", List.of(values()).stream().map(ApiVersion::text).toList());
    }
}
