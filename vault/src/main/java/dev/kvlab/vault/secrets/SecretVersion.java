package dev.kvlab.vault.secrets;

import java.time.Instant;
import java.util.Map;

/**
 * One immutable version of a secret: its value and attributes. An update replaces the record (same version id),
 * so readers never see a half-applied change.
 *
 * @param version     32 lowercase hex characters
 * @param contentType null when unset
 * @param tags        empty when untagged
 * @param notBefore   null when unset (informational only, as on Azure)
 * @param expires     null when unset (informational only, as on Azure)
 */
public record SecretVersion(String version, String value, String contentType, Map<String, String> tags,
                            boolean enabled, Instant notBefore, Instant expires, Instant created, Instant updated) {

    public SecretVersion {
        tags = Map.copyOf(tags);
    }

    public SecretVersion withProperties(String contentType, Map<String, String> tags, boolean enabled,
                                        Instant notBefore, Instant expires, Instant updated) {
        return new SecretVersion(version, value, contentType, tags, enabled, notBefore, expires, created, updated);
    }
}
