///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 7: audit a vault against the best practices without reading a value (instructions: docs/hygiene.md)

package dev.kvlab.exercises;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Exercise 7: a best-practice audit of every secret in a vault, from properties alone. */
public class SecretHygiene {

    /** The course's rotation period: a latest version older than this has not been rotated in time. */
    public static final Duration ROTATION_PERIOD = Duration.ofDays(180);
    /** How far ahead {@code main} warns about expiry dates. */
    public static final int WARNING_DAYS = 30;

    /** How urgent a finding is, most urgent first. */
    public enum Severity { CRITICAL, HIGH, MEDIUM, LOW }

    /** The practices an audit holds each secret to (its latest version), most severe first, with the fix each needs. */
    public enum Problem {
        EXPIRED_BUT_ENABLED(Severity.CRITICAL, "rotate now: store a new version, then disable the expired one"),
        LATEST_DISABLED(Severity.HIGH, "apps reading it by name get 403: enable a good version or store a new one"),
        EXPIRES_SOON(Severity.HIGH, "rotate before the expiry date: store a new version with a new expiry"),
        NOT_ROTATED(Severity.MEDIUM, "rotate: the latest version is older than 180 days"),
        NO_EXPIRY(Severity.MEDIUM, "set an expiry date (180 days) on the next version"),
        NO_CONTENT_TYPE(Severity.LOW, "set a content type that says what the value is");

        private final Severity severity;
        private final String fix;

        Problem(Severity severity, String fix) {
            this.severity = severity;
            this.fix = fix;
        }

        public Severity severity() {
            return severity;
        }

        public String fix() {
            return fix;
        }
    }

    /** One problem of one secret, with its severity and fix (from the {@link Problem}). */
    public record Finding(String name, Severity severity, Problem problem, String fix) {
    }

    /**
     * Task 1-3 (docs/hygiene.md): every problem of every secret in the vault, judged at {@code clock.instant()}, with
     * {@code warningDays} as the expiry warning window; most severe first, then in the order {@link Problem} declares,
     * then by secret name; no value read.
     */
    public static List<Finding> auditVault(SecretClient client, Clock clock, int warningDays) {
        // BEGIN AUDIT_VAULT
        throw new UnsupportedOperationException("SecretHygiene: fill in region AUDIT_VAULT in exercises/SecretHygiene.java (see docs/hygiene.md), then run ./jbang check hygiene");
        // END AUDIT_VAULT
    }

    /**
     * The embedded local vault holds two well-kept samples: add three secrets with the flaws an audit looks for, so
     * there is something to find. A real vault is audited as it is.
     */
    static void prepareLocalDemo(SecretClient client) {
        if (System.getenv("KEY_VAULT_URL") != null) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        client.setSecret(new KeyVaultSecret("legacy-smtp-password", "demo-smtp-password-0000")
                .setProperties(new SecretProperties().setContentType("application/x-password").setExpiresOn(now.minusDays(3))));
        client.setSecret(new KeyVaultSecret("maps-api-key", "demo-maps-key-0000")
                .setProperties(new SecretProperties().setExpiresOn(now.plusDays(12))));
        client.setSecret(new KeyVaultSecret("build-token", "demo-build-token-0000")
                .setProperties(new SecretProperties().setContentType("text/plain")));
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            SecretClient client = Lab.client();
            prepareLocalDemo(client);
            List<Finding> findings = auditVault(client, Clock.systemUTC(), WARNING_DAYS);
            System.out.println("Best-practice audit of " + client.getVaultUrl() + " (no values read, warning window "
                    + WARNING_DAYS + " days)");
            Table.of(Finding.class, findings).print();
            System.out.println(findings.size() + " finding(s)");
        });
    }
}
