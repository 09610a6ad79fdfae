package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.support.CheckFailed.unless;

import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckVault;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.ForbiddenApis;
import dev.kvlab.checks.support.LearnerCode;
import dev.kvlab.checks.support.RequestLog;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.ListSecretProperties;
import dev.kvlab.exercises.ListSecretProperties.SecretSummary;
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

/** Exercise 2 (list): every secret's properties, and not one value read. */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListSecretPropertiesCheck {
    static final String REGION = "LIST_SECRETS";

    @Order(1)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("lists every secret, including new and disabled ones, with its properties")
    @Check(task = 1, region = REGION, hint = "task 2 names the getter behind each field of SecretSummary: one summary "
            + "per listed item, each field from its own getter (a listed item describes the latest version)")
    void listsEverySecret(Learner learner, CheckVault vault, Random random) {
        // secrets with a history: several versions each (the listing shows the latest), the latest updated later
        // (createdOn is not updatedOn), one whose latest version is disabled while an older one is not
        List<String> added = new ArrayList<>();
        int count = 2 + random.nextInt(3);
        int layered = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            String name = vault.name(TestData.name(random, "listed"));
            TestData.history(vault, random, name, i == layered ? 2 + random.nextInt(2) : 1 + random.nextInt(3),
                    random.nextInt(3) == 0, i == layered || random.nextBoolean());
            added.add(name);
            TestData.elapse(vault, random);
        }
        String disabled = vault.name(TestData.name(random, "disabled"));
        KeyVaultSecret off = TestData.history(vault, random, disabled, 2, false, false);
        TestData.elapse(vault, random);
        vault.admin().updateSecretProperties(off.getProperties().setEnabled(false));
        added.add(disabled);
        java.util.Collections.shuffle(added, random);

        Map<String, SecretProperties> expected = new HashMap<>();
        for (SecretProperties p : vault.admin().listPropertiesOfSecrets()) {
            expected.put(p.getName(), p);
        }
        List<SecretSummary> summaries = list(learner, vault);

        Map<String, SecretSummary> byName = new HashMap<>();
        for (SecretSummary s : summaries) {
            unless(s != null && s.name() != null, () -> "region " + REGION + " returned a summary without a name");
            unless(byName.put(s.name(), s) == null, () -> "region " + REGION + " listed " + s.name()
                    + " twice: one summary per secret");
        }
        for (String name : added) {
            unless(byName.containsKey(name), () -> "region " + REGION + " did not list " + name + " (" + summaries.size()
                    + " summaries for " + expected.size() + " secrets): list every secret the vault holds");
        }
        if (vault.isLocal()) {
            for (String name : expected.keySet()) {
                unless(byName.containsKey(name), () -> "region " + REGION + " did not list " + name
                        + ": list every secret the vault holds");
            }
            unless(byName.size() == expected.size(), () -> "region " + REGION + " listed " + byName.size()
                    + " secrets, the vault holds " + expected.size());
        }
        for (String name : added) {
            SecretSummary s = byName.get(name);
            SecretProperties p = expected.get(name);
            unless(Objects.equals(p.isEnabled(), s.enabled()), () -> "region " + REGION + ": enabled of " + name
                    + " is " + s.enabled() + ", the vault has " + p.isEnabled() + " (properties.isEnabled())");
            unless(Objects.equals(p.getContentType(), s.contentType()), () -> "region " + REGION
                    + ": content type of " + name + " is " + s.contentType() + ", the vault has " + p.getContentType());
            unless(RetrieveSecretsCheck.sameInstant(p.getCreatedOn(), s.createdOn()), () -> "region " + REGION
                    + ": createdOn of " + name + " is " + s.createdOn() + ", but the vault lists it as created on "
                    + p.getCreatedOn() + RetrieveSecretsCheck.dateHint(s.createdOn(), p));
            unless(RetrieveSecretsCheck.sameInstant(p.getUpdatedOn(), s.updatedOn()), () -> "region " + REGION
                    + ": updatedOn of " + name + " is " + s.updatedOn() + ", but the vault lists it as updated on "
                    + p.getUpdatedOn() + (RetrieveSecretsCheck.sameInstant(s.updatedOn(), p.getCreatedOn())
                            ? " (that is its createdOn)" : ""));
        }
    }

    @Order(2)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("reads no secret value while listing")
    @Check(task = 2, region = REGION, hint = "listPropertiesOfSecrets() already carries every property you need; "
            + "getSecret reads the value, which listing must never do")
    void readsNoValue(Learner learner, CheckVault vault, Random random) {
        for (int i = 0; i < 2; i++) {
            vault.put(vault.name(TestData.name(random, "quiet")), TestData.longValue(random),
                    TestData.contentType(random), TestData.tags(random));
        }
        int before = vault.isLocal() ? vault.audit().size() : 0;
        list(learner, vault);
        List<RequestLog.Request> reads = vault.requests().valueReads();
        unless(reads.isEmpty(), () -> "region " + REGION + " read " + reads.size() + " secret value(s) (first: GET "
                + reads.get(0).path() + "): list properties only, never call getSecret");
        if (vault.isLocal()) {
            List<AuditEvent> gets = vault.audit().subList(before, vault.audit().size()).stream()
                    .filter(e -> e.operation().equals("SecretGet")).toList();
            unless(gets.isEmpty(), () -> "region " + REGION + " made the vault log " + gets.size()
                    + " SecretGet event(s): listing must not read a single value");
        }
    }

    @Order(3)
    @DisplayName("lists every page when the vault holds more than one page of secrets")
    @Check(task = 1, region = REGION, hint = "task 1: what does iterating a PagedIterable do when a page ends? Look for "
            + "anything in your loop that stops, limits or starts over at a page")
    void listsEveryPage(Learner learner, CheckVault vault, Random random) {
        int count = 26 + random.nextInt(10); // the vault answers 25 per page
        for (int i = 0; i < count; i++) {
            vault.put(TestData.name(random, "page" + i), TestData.value(random, 24), "text/plain", Map.of());
        }
        int total = 0;
        for (SecretProperties ignored : vault.admin().listPropertiesOfSecrets()) {
            total++;
        }
        int expected = total;
        List<SecretSummary> summaries = list(learner, vault);
        unless(summaries.size() == expected, () -> "region " + REGION + " returned " + summaries.size()
                + " summaries, the vault holds " + expected + " secrets on " + ((expected + 24) / 25)
                + " pages: read every page");
    }

    @Order(4)
    @DisplayName("never calls getSecret")
    @Check(task = 2, region = REGION, hint = "task 2: which call reads a value? Everything a summary needs is already "
            + "in the listed items")
    void neverCallsGetSecret(Learner learner, CheckVault vault, LearnerCode code) {
        list(learner, vault); // not implemented yet fails here, not as a pass
        code.require(ForbiddenApis.noAccess("not call getSecret",
                a -> a.getTargetOwner().getName().startsWith("com.azure.security.keyvault.secrets.")
                        && a.getName().startsWith("getSecret")),
                "region " + REGION + " calls getSecret, which reads a value");
    }

    private static List<SecretSummary> list(Learner learner, CheckVault vault) {
        vault.requests().clear();
        List<SecretSummary> summaries = learner.call("listSecretProperties", vault.client());
        unless(summaries != null, () -> "region " + REGION + " returned null: return one SecretSummary per secret");
        return summaries;
    }
}
