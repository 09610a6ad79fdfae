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
    @Check(task = 1, region = REGION, hint = "for each name, call client.getSecret(name) once and build the "
            + "SecretReport from that KeyVaultSecret and its getProperties()")
    void readsEachSecretOnce(Learner learner, CheckVault vault, Random random) {
        String first = vault.name(TestData.name(random, "retrieve"));
        String second = vault.name(TestData.name(random, "retrieve"));
        vault.put(first, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        // two versions: the report must describe the latest
        KeyVaultSecret firstLatest = vault.put(first, TestData.longValue(random), TestData.contentType(random),
                TestData.tags(random));
        KeyVaultSecret secondLatest = vault.put(second, TestData.longValue(random), TestData.contentType(random),
                TestData.tags(random));

        List<SecretReport> reports = retrieve(learner, vault, List.of(first, second));

        requireOneReadEach(vault.requests(), List.of(first, second));
        requireReports(reports, List.of(first, second));
        requireDescribes(reports.get(0), firstLatest);
        requireDescribes(reports.get(1), secondLatest);
    }

    @Order(2)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reports values masked with Mask.value, never whole")
    @Check(task = 2, region = REGION, hint = "put Mask.value(secret.getValue()) in the report: the first 20 "
            + "characters then ..., never more than half of the value")
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
    @Check(task = 3, region = REGION, hint = "catch ResourceNotFoundException around getSecret and add "
            + "SecretReport.unavailable(name, \"not found\"), then carry on with the next name")
    void reportsMissingSecret(Learner learner, CheckVault vault, Random random) {
        String before = vault.name(TestData.name(random, "present"));
        String missing = vault.name(TestData.name(random, "missing"));
        String after = vault.name(TestData.name(random, "present"));
        KeyVaultSecret b = vault.put(before, TestData.longValue(random), TestData.contentType(random),
                TestData.tags(random));
        KeyVaultSecret a = vault.put(after, TestData.longValue(random), TestData.contentType(random),
                TestData.tags(random));

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
    @Check(task = 3, region = REGION, hint = "catch HttpResponseException too (after ResourceNotFoundException) and "
            + "report \"error: \" + ServiceError.of(e).code(), then carry on with the next name")
    void reportsForbiddenSecret(Learner learner, CheckVault vault, LocalVault local, Random random) {
        String allowed = TestData.name(random, "allowed");
        String forbidden = TestData.name(random, "forbidden");
        String alsoAllowed = TestData.name(random, "allowed");
        KeyVaultSecret a = vault.put(allowed, TestData.longValue(random), TestData.contentType(random),
                TestData.tags(random));
        vault.put(forbidden, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        KeyVaultSecret c = vault.put(alsoAllowed, TestData.longValue(random), TestData.contentType(random),
                TestData.tags(random));
        // a principal that may read two of the three secrets: a role on each secret, none on the vault
        String principal = "check-app-" + Integer.toHexString(random.nextInt(0xffff));
        String vaultName = LocalVault.DEFAULT_VAULT;
        local.roles().assign(principal, Role.SECRETS_USER, Scope.secret(vaultName, allowed));
        local.roles().assign(principal, Role.SECRETS_USER, Scope.secret(vaultName, alsoAllowed));

        List<SecretReport> reports;
        try {
            reports = learner.call("retrieveSecrets", vault.clientAs(principal), List.of(allowed, forbidden, alsoAllowed));
        } catch (LearnerThrew e) {
            if (!e.isA(HttpResponseException.class)) {
                throw e;
            }
            throw new CheckFailed("region " + REGION + " stopped at " + forbidden + ", which this identity may not "
                    + "read (" + e.simpleName() + ", 403 Forbidden): report it and read the others");
        }
        requireReports(reports, List.of(allowed, forbidden, alsoAllowed));
        requireUnavailable(reports.get(1), "error: Forbidden");
        requireDescribes(reports.get(0), a);
        requireDescribes(reports.get(2), c);
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
                + name + " is " + quote(r.contentType()) + ", the vault has " + quote(p.getContentType()));
        unless(sameInstant(p.getCreatedOn(), r.createdOn()),
                () -> "region " + REGION + ": createdOn of " + name + " is " + r.createdOn() + ", the vault has "
                        + p.getCreatedOn() + " (properties.getCreatedOn())");
        Map<String, String> expected = p.getTags() == null ? Map.of() : p.getTags();
        Map<String, String> actual = r.tags() == null ? Map.of() : r.tags();
        unless(expected.equals(actual), () -> "region " + REGION + ": tags of " + name + " are " + actual
                + ", the vault has " + expected);
    }

    static void requireUnavailable(SecretReport r, String status) {
        unless(status.equals(r.status()), () -> "region " + REGION + ": status of " + r.name() + " is "
                + quote(r.status()) + ", expected " + quote(status));
        unless(r.value() == null && r.version() == null, () -> "region " + REGION + ": the report of " + r.name()
                + " has a value or version although it could not be read: use SecretReport.unavailable(name, status)");
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
