package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.support.CheckFailed.unless;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckFailed;
import dev.kvlab.checks.support.CheckVault;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.LearnerThrew;
import dev.kvlab.checks.support.RequestLog;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.RetrieveSecrets.SecretReport;
import dev.kvlab.runtime.Mask;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.Role;
import dev.kvlab.vault.Scope;
import dev.kvlab.vault.AuditEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exercise 1 (retrieve): what the vault saw when the learner's code read secrets, and what it reported. */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrieveSecretsCheck {
    static final String REGION = "RETRIEVE_SECRETS";

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reads each secret exactly once and reports its version, content type, creation time and tags")
    @Check(task = 2, region = REGION, hint = "for each name call client.getSecret(name) once; every field of the "
            + "SecretReport comes from that KeyVaultSecret and its getProperties() (which getter gives the creation "
            + "time? what does getTags() give for a secret without tags?)")
    void readsEachSecretOnce(Learner learner, CheckVault vault, Random random) {
        // two to four secrets with a history: several versions (the report must describe the latest), the latest
        // updated later (createdOn is not updatedOn), one of them without tags (the SDK says null)
        int count = 2 + random.nextInt(3);
        int untagged = random.nextInt(count);
        int layered = random.nextInt(count);
        List<String> names = new ArrayList<>();
        List<KeyVaultSecret> latest = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = vault.name(TestData.name(random, "retrieve"));
            int versions = i == layered ? 2 + random.nextInt(2) : 1 + random.nextInt(3);
            latest.add(TestData.history(vault, random, name, versions, i == untagged, i == layered || random.nextBoolean()));
            names.add(name);
            TestData.elapse(vault, random);
        }

        List<SecretReport> reports = retrieve(learner, vault, names);

        requireOneReadEach(vault.requests(), names);
        requireReports(reports, names);
        for (int i = 0; i < count; i++) {
            requireDescribes(reports.get(i), latest.get(i));
        }
    }

    @Order(2)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reports values masked with Mask.value, never whole")
    @Check(task = 2, region = REGION, hint = "task 2 and the SecretReport javadoc: which lab method masks a value? "
            + "(a hand-made mask gets short values wrong)")
    void masksValues(Learner learner, CheckVault vault, Random random) {
        String longName = vault.name(TestData.name(random, "masked"));
        String shortName = vault.name(TestData.name(random, "short"));
        String longValue = TestData.longValue(random);
        String shortValue = TestData.value(random, 6 + random.nextInt(10));
        vault.put(longName, longValue, TestData.contentType(random), TestData.tags(random));
        vault.put(shortName, shortValue, TestData.contentType(random), TestData.tags(random));

        List<SecretReport> reports = retrieve(learner, vault, List.of(longName, shortName));

        requireReports(reports, List.of(longName, shortName));
        String[] values = {longValue, shortValue};
        for (int i = 0; i < 2; i++) {
            SecretReport report = reports.get(i);
            String value = values[i];
            unless(report.value() == null || !report.value().contains(value), () -> "region " + REGION
                    + " reported the whole value of " + report.name() + ": mask it with Mask.value(value)");
            unless(Mask.value(value).equals(report.value()), () -> "region " + REGION + " reported the value of "
                    + report.name() + " as " + quote(report.value()) + ", expected " + quote(Mask.value(value))
                    + " (Mask.value of the " + value.length() + "-character value)");
        }
    }

    @Order(3)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reports a missing secret as \"not found\" and still reads the others")
    @Check(task = 3, region = REGION, hint = "task 3: which exception does a missing secret become, where do you catch it "
            + "so the loop goes on, and which factory on SecretReport builds the report?")
    void reportsMissingSecret(Learner learner, CheckVault vault, Random random) {
        String before = vault.name(TestData.name(random, "present"));
        String missing = vault.name(TestData.name(random, "missing"));
        String after = vault.name(TestData.name(random, "present"));
        KeyVaultSecret b = TestData.history(vault, random, before, 1 + random.nextInt(2), random.nextBoolean(), true);
        KeyVaultSecret a = TestData.history(vault, random, after, 1 + random.nextInt(2), random.nextBoolean(), false);

        List<SecretReport> reports;
        try {
            reports = retrieve(learner, vault, List.of(before, missing, after));
        } catch (LearnerThrew e) {
            if (!e.isA(ResourceNotFoundException.class)) {
                throw e;
            }
            throw new CheckFailed("region " + REGION + " stopped at the missing secret " + missing
                    + " (ResourceNotFoundException): one missing secret must not stop the whole report");
        }
        requireReports(reports, List.of(before, missing, after));
        requireUnavailable(reports.get(1), "not found");
        requireDescribes(reports.get(0), b);
        requireDescribes(reports.get(2), a);
    }

    @Order(4)
    @DisplayName("reports a secret it may not read as \"error: Forbidden\" and still reads the others")
    @Check(task = 3, region = REGION, hint = "task 3's table: what does the SDK throw for a 403, and where does the "
            + "status's code come from (ServiceError)? The other names must still be read")
    void reportsForbiddenSecret(Learner learner, CheckVault vault, LocalVault local, Random random) {
        String allowed = TestData.name(random, "allowed");
        String forbidden = TestData.name(random, "forbidden");
        String alsoAllowed = TestData.name(random, "allowed");
        KeyVaultSecret a = TestData.history(vault, random, allowed, 1 + random.nextInt(2), random.nextBoolean(), true);
        vault.put(forbidden, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        KeyVaultSecret c = TestData.history(vault, random, alsoAllowed, 1, random.nextBoolean(), false);
        // a principal that may read two of the three secrets: a role on each secret, none on the vault
        String principal = "check-app-" + Integer.toHexString(random.nextInt(0xffff));
        String vaultName = LocalVault.DEFAULT_VAULT;
        local.roles().assign(principal, Role.SECRETS_USER, Scope.secret(vaultName, allowed));
        local.roles().assign(principal, Role.SECRETS_USER, Scope.secret(vaultName, alsoAllowed));

        List<String> names = List.of(allowed, forbidden, alsoAllowed);
        List<SecretReport> reports;
        try {
            reports = learner.call("retrieveSecrets", vault.clientAs(principal), names);
        } catch (LearnerThrew e) {
            if (!e.isA(HttpResponseException.class)) {
                throw e;
            }
            throw new CheckFailed("region " + REGION + " stopped at " + forbidden + ", which this identity may not "
                    + "read (" + e.simpleName() + ", 403 Forbidden): report it and read the others");
        }
        requireReports(reports, names);
        requireUnavailable(reports.get(1), "error: Forbidden");
        requireDescribes(reports.get(0), a);
        requireDescribes(reports.get(2), c);
    }

    /** The refusals check 5 mixes, and the status each must be reported with. */
    private enum Refusal {
        MISSING("not found", "404 SecretNotFound"),
        FORBIDDEN("error: Forbidden", "403 Forbidden, no role for it"),
        DISABLED("error: Forbidden", "403 Forbidden, its latest version is disabled"),
        THROTTLED("error: Throttled", "429 Throttled, still after the SDK's 3 retries");

        final String status;
        final String vaultSaid;

        Refusal(String status, String vaultSaid) {
            this.status = status;
            this.vaultSaid = vaultSaid;
        }
    }

    @Order(5)
    @DisplayName("reports each refusal (not found, forbidden, disabled, throttled) with its own status, in any order")
    @Check(task = 3, region = REGION, hint = "the table in task 3 says which exception each refusal becomes; "
            + "only ResourceNotFoundException is \"not found\", every other HttpResponseException is \"error: \" "
            + "followed by Azure's error code (see ServiceError), whatever its HTTP status")
    void reportsEveryRefusal(Learner learner, CheckVault vault, LocalVault local, Random random) {
        String principal = "check-app-" + Integer.toHexString(random.nextInt(0xffff));
        List<String> names = new ArrayList<>();
        Map<String, Refusal> refusals = new HashMap<>();
        Map<String, KeyVaultSecret> readable = new HashMap<>();
        for (Refusal refusal : Refusal.values()) {
            String name = TestData.name(random, refusal.name().toLowerCase(java.util.Locale.ROOT));
            names.add(name);
            refusals.put(name, refusal);
        }
        for (int i = 0; i < 1 + random.nextInt(2); i++) {
            names.add(TestData.name(random, "readable"));
        }
        java.util.Collections.shuffle(names, random);
        for (String name : names) {
            Refusal refusal = refusals.get(name);
            if (refusal != Refusal.FORBIDDEN) {
                local.roles().assign(principal, Role.SECRETS_USER, Scope.secret(LocalVault.DEFAULT_VAULT, name));
            }
            if (refusal == null) {
                readable.put(name, TestData.history(vault, random, name, 1 + random.nextInt(2), random.nextBoolean(),
                        random.nextBoolean()));
            } else if (refusal == Refusal.DISABLED) {
                // an earlier version is enabled, but the latest, which getSecret(name) reads, is not
                KeyVaultSecret latest = TestData.history(vault, random, name, 2, false, false);
                vault.admin().updateSecretProperties(latest.getProperties().setEnabled(false));
            } else if (refusal != Refusal.MISSING) {
                vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
            }
        }
        // the vault throttles the throttled secret's read: the fault is armed once the read before it is answered
        String throttled = names.stream().filter(n -> refusals.get(n) == Refusal.THROTTLED).findFirst().orElseThrow();
        int at = names.indexOf(throttled);
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.Consumer<AuditEvent> arm = e -> {
            if (e.operation().equals("SecretGet") && principal.equals(e.caller()) && e.requestUri() != null
                    && e.requestUri().toLowerCase(java.util.Locale.ROOT).startsWith(
                            "/secrets/" + names.get(at - 1).toLowerCase(java.util.Locale.ROOT) + "/")
                    && armed.compareAndSet(false, true)) {
                local.faults().failNext(4, 429, "SecretGet");
            }
        };
        if (at == 0) {
            armed.set(true);
            local.faults().failNext(4, 429, "SecretGet");
        } else {
            local.auditLog().addListener(arm);
        }
        List<SecretReport> reports;
        try {
            vault.requests().clear();
            reports = learner.call("retrieveSecrets", vault.clientAs(principal), names);
        } catch (LearnerThrew e) {
            if (!e.isA(HttpResponseException.class)) {
                throw e;
            }
            throw new CheckFailed("region " + REGION + " stopped with " + e.simpleName() + " (HTTP " + e.status()
                    + ") when the vault refused one of " + names.size() + " secrets: report each refusal with its "
                    + "status and read the others");
        } finally {
            local.auditLog().removeListener(arm);
            local.faults().clear();
        }
        requireReports(reports, names);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Refusal refusal = refusals.get(name);
            if (refusal == null) {
                requireDescribes(reports.get(i), readable.get(name));
            } else {
                SecretReport r = reports.get(i);
                unless(refusal.status.equals(r.status()), () -> "region " + REGION + ": status of " + name + " is "
                        + quote(r.status()) + ", expected " + quote(refusal.status) + " (the vault answered "
                        + refusal.vaultSaid + ")");
                requireUnavailable(r, refusal.status);
            }
        }
    }

    private static List<SecretReport> retrieve(Learner learner, CheckVault vault, List<String> names) {
        vault.requests().clear();
        return learner.call("retrieveSecrets", vault.client(), names);
    }

    static void requireOneReadEach(RequestLog log, List<String> names) {
        for (String name : names) {
            int reads = log.readsOf(name).size();
            unless(reads == 1, () -> "region " + REGION + " read " + name + " " + times(reads)
                    + " (the vault saw " + reads + " GET /secrets/" + name + "/...): read each secret exactly once");
        }
        List<RequestLog.Request> others = log.valueReads().stream().filter(r -> !names.contains(r.secretName())).toList();
        unless(others.isEmpty(), () -> "region " + REGION + " read secrets it was not asked for ("
                + others.get(0).path() + "): read only the names you are given");
    }

    static void requireReports(List<SecretReport> reports, List<String> names) {
        unless(reports != null, () -> "region " + REGION + " returned null: return one SecretReport per name");
        unless(reports.size() == names.size(), () -> "region " + REGION + " returned " + reports.size()
                + " reports for " + names.size() + " names: return one SecretReport per name, in the same order");
        for (int i = 0; i < names.size(); i++) {
            SecretReport r = reports.get(i);
            String name = names.get(i);
            int at = i + 1;
            unless(r != null && name.equals(r.name()), () -> "region " + REGION + ": report " + at + " is about "
                    + (r == null ? "null" : r.name()) + ", expected " + name + " (one report per name, in the order given)");
        }
    }

    static void requireDescribes(SecretReport r, KeyVaultSecret latest) {
        SecretProperties p = latest.getProperties();
        String name = r.name();
        unless("retrieved".equals(r.status()), () -> "region " + REGION + ": status of " + name + " is "
                + quote(r.status()) + ", expected \"retrieved\"");
        unless(p.getVersion().equals(r.version()), () -> "region " + REGION + ": version of " + name + " is "
                + quote(r.version()) + ", but the latest version in the vault is " + p.getVersion());
        unless(Objects.equals(p.getContentType(), r.contentType()), () -> "region " + REGION + ": content type of "
                + name + " is " + quote(r.contentType()) + ", the latest version has " + quote(p.getContentType()));
        unless(sameInstant(p.getCreatedOn(), r.createdOn()),
                () -> "region " + REGION + ": createdOn of " + name + " is " + r.createdOn() + ", but its latest "
                        + "version was created on " + p.getCreatedOn() + dateHint(r.createdOn(), p));
        Map<String, String> expected = p.getTags() == null ? Map.of() : p.getTags();
        unless(r.tags() != null, () -> "region " + REGION + ": tags of " + name + " are null, the vault has "
                + (p.getTags() == null ? "no tags (getTags() is null): report an empty map" : expected));
        unless(expected.equals(r.tags()), () -> "region " + REGION + ": tags of " + name + " are " + r.tags()
                + ", the vault has " + expected + " (the latest version's tags)");
    }

    static void requireUnavailable(SecretReport r, String status) {
        unless(status.equals(r.status()), () -> "region " + REGION + ": status of " + r.name() + " is "
                + quote(r.status()) + ", expected " + quote(status));
        unless(r.value() == null && r.version() == null, () -> "region " + REGION + ": the report of " + r.name()
                + " has a value or version although it could not be read: use SecretReport.unavailable(name, status)");
        unless(r.equals(SecretReport.unavailable(r.name(), status)), () -> "region " + REGION + ": the report of "
                + r.name() + " is " + r + ", expected SecretReport.unavailable(name, " + quote(status) + ")");
    }

    /** Names the field a wrong date came from, when it is one of the version's other dates. */
    static String dateHint(java.time.OffsetDateTime reported, SecretProperties p) {
        if (reported == null) {
            return "";
        }
        if (sameInstant(reported, p.getUpdatedOn())) {
            return " (that is its updatedOn)";
        }
        if (sameInstant(reported, p.getNotBefore()) || sameInstant(reported, p.getExpiresOn())) {
            return " (that is its not-before or expiry date)";
        }
        return "";
    }

    static boolean sameInstant(java.time.OffsetDateTime a, java.time.OffsetDateTime b) {
        return a == null || b == null ? a == b : a.isEqual(b);
    }

    static String times(int n) {
        return n == 0 ? "never" : n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }

    static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
