package dev.kvlab.checks.exercises;

import static dev.kvlab.checks.support.CheckFailed.unless;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.checks.support.Check;
import dev.kvlab.checks.support.CheckExtension;
import dev.kvlab.checks.support.CheckVault;
import dev.kvlab.checks.support.Learner;
import dev.kvlab.checks.support.TestData;
import dev.kvlab.exercises.LeastPrivilege.Assignment;
import dev.kvlab.exercises.LeastPrivilege.Cause;
import dev.kvlab.exercises.LeastPrivilege.Job;
import dev.kvlab.exercises.LeastPrivilege.Member;
import dev.kvlab.exercises.LeastPrivilege.Refusal;
import dev.kvlab.exercises.LeastPrivilege.Team;
import dev.kvlab.runtime.ServiceError;
import dev.kvlab.vault.Faults;
import dev.kvlab.vault.Role;
import dev.kvlab.vault.RoleAssignments;
import dev.kvlab.vault.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercise 8 (access): the role plan is applied to the run's local vault and proved principal by principal: every
 * operation a member's job needs works, every other one is refused with 403 ForbiddenByRbac, and no assignment is
 * more than the job needs. The refusals are made to happen (a Contributor without a data-plane role, a disabled
 * secret, the vault firewall, a caller that is not signed in) and the learner's explanation is compared with what the
 * vault answered. The team's principals and secret names are drawn at random, so a plan written for the course's
 * team alone fails.
 */
@ExtendWith(CheckExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeastPrivilegeCheck {
    static final String PLAN = "PLAN_ROLES";
    static final String EXPLAIN = "EXPLAIN_REFUSAL";
    static final String PAGE = "docs/access.md#";
    static final String VAULT = "kvlab";

    // ---- the calls into the learner's code: one place each ----

    private static List<Assignment> planRoles(Learner learner, Team team) {
        return learner.call("planRoles", team);
    }

    private static Refusal explainRefusal(Learner learner, SecretClient client, String name) {
        return learner.call("explainRefusal", client, name);
    }

    // ---- the team, drawn at random ----

    /** A team for the local vault: random principals and secret names, members in random order, secrets stored. */
    private record Drawn(Team team, Member app, Member ci, Member auditor, Member developer, List<String> others) {
    }

    private static Drawn draw(CheckVault vault, Random random) {
        List<String> appSecrets = List.of(TestData.name(random, "app"), TestData.name(random, "app"));
        List<String> others = List.of(TestData.name(random, "other"), TestData.name(random, "other"));
        for (String name : concat(appSecrets, others)) {
            vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        }
        Member app = new Member(TestData.name(random, "mi"), Job.READS_NAMED_SECRETS, appSecrets);
        Member ci = new Member(TestData.name(random, "ci"), Job.CREATES_AND_ROTATES_SECRETS, List.of());
        Member auditor = new Member(TestData.name(random, "auditor"), Job.LISTS_METADATA, List.of());
        Member developer = new Member(TestData.name(random, "dev"), Job.MANAGES_AZURE_RESOURCES, List.of());
        // the developer is Contributor on the subscription, which the vault inherits: management plane only
        vault.localVault().roles().assign(developer.principal(), Role.CONTRIBUTOR, Scope.vault(VAULT));
        List<Member> members = new ArrayList<>(List.of(app, ci, auditor, developer));
        Collections.shuffle(members, random);
        return new Drawn(new Team(VAULT, members), app, ci, auditor, developer, others);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ---- the plan, applied to the vault ----

    /** The learner's plan, checked for shape and applied to the local vault. */
    private static List<Assignment> apply(Learner learner, CheckVault vault, Drawn drawn) {
        List<Assignment> plan = planRoles(learner, drawn.team());
        unless(plan != null, () -> "region " + PLAN + " returned null: return the list of assignments (empty is a list)");
        Set<String> principals = drawn.team().members().stream().map(Member::principal).collect(Collectors.toSet());
        Set<Assignment> seen = new HashSet<>();
        RoleAssignments roles = vault.localVault().roles();
        for (Assignment a : plan) {
            unless(a != null && a.principal() != null && a.role() != null, () -> "region " + PLAN
                    + " returned an assignment without a principal or a role");
            unless(principals.contains(a.principal()), () -> "region " + PLAN + " assigns " + a.role() + " to "
                    + a.principal() + ", who is not in the team (" + String.join(", ", principals) + ")");
            Role role = role(a.role());
            unless(role != Role.CONTRIBUTOR, () -> "region " + PLAN + " assigns Contributor to " + a.principal()
                    + ": a management-plane role grants nothing on secrets, so a plan of data-plane roles leaves it out");
            unless(role != null, () -> "region " + PLAN + ": " + quote(a.role()) + " is not a Key Vault data-plane role"
                    + " as Azure spells it (e.g. \"Key Vault Secrets User\")");
            unless(seen.add(a), () -> "region " + PLAN + " assigns " + describe(a) + " twice");
            roles.assign(a.principal(), role, a.secret() == null ? Scope.vault(VAULT) : Scope.secret(VAULT, a.secret()));
        }
        return plan;
    }

    private static Role role(String name) {
        for (Role r : Role.values()) {
            if (r.displayName().equals(name)) {
                return r;
            }
        }
        return null;
    }

    static String describe(Assignment a) {
        return a.role() + " for " + a.principal() + " at " + (a.secret() == null ? "the vault" : "secret " + a.secret());
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static List<Assignment> of(List<Assignment> plan, Member member) {
        return plan.stream().filter(a -> a.principal().equals(member.principal())).toList();
    }

    // ---- operations, tried as one principal ----

    /** One data-plane operation a member may or may not need. */
    private record Op(String what, Consumer<SecretClient> call) {
    }

    private static Op get(String name) {
        return new Op("read secret " + name, c -> c.getSecret(name));
    }

    private static Op list() {
        return new Op("list the vault's secrets", c -> c.listPropertiesOfSecrets().stream().count());
    }

    private static Op listVersions(String name) {
        return new Op("list the versions of " + name, c -> c.listPropertiesOfSecretVersions(name).stream().count());
    }

    private static Op set(String name, String what) {
        return new Op(what + " " + name, c -> c.setSecret(new KeyVaultSecret(name, "kvlab-check-value-" + name)));
    }

    private static Op update(CheckVault vault, String name) {
        return new Op("update the properties of " + name, c -> {
            SecretProperties p = vault.admin().getSecret(name).getProperties();
            c.updateSecretProperties(p.setContentType("text/plain"));
        });
    }

    /** The status an operation ended with: 200 when it worked. A 403 that is not the RBAC refusal is the check's bug. */
    private static int attempt(SecretClient client, Op op) {
        try {
            op.call().accept(client);
            return 200;
        } catch (HttpResponseException e) {
            ServiceError error = ServiceError.of(e);
            if (error.status() == 403 && !"ForbiddenByRbac".equals(error.innerCode())) {
                throw new IllegalStateException(op.what() + " was refused for another reason: " + error);
            }
            return error.status();
        }
    }

    /**
     * Every needed operation works for {@code member}, every refused one ends in 403, and each of the member's
     * assignments is needed: without it, some needed operation fails.
     */
    private static void prove(CheckVault vault, List<Assignment> plan, Member member, String job, List<Op> needed,
            List<Op> refused) {
        SecretClient client = vault.clientAs(member.principal());
        List<Assignment> theirs = of(plan, member);
        for (Op op : needed) {
            int status = attempt(client, op);
            unless(status == 200, () -> "region " + PLAN + ": " + member.principal() + " (" + job + ") cannot "
                    + op.what() + " (" + status + ") with " + roles(theirs));
        }
        for (Op op : refused) {
            int status = attempt(client, op);
            unless(status == 403, () -> "region " + PLAN + ": " + member.principal() + " (" + job + ") can "
                    + op.what() + " with " + roles(theirs) + ": more than the job needs, it must be refused");
        }
        RoleAssignments roles = vault.localVault().roles();
        for (Assignment a : theirs) {
            Role role = role(a.role());
            Scope scope = a.secret() == null ? Scope.vault(VAULT) : Scope.secret(VAULT, a.secret());
            roles.revoke(a.principal(), role, scope);
            boolean stillWorks = needed.stream().allMatch(op -> attempt(client, op) == 200);
            roles.assign(a.principal(), role, scope);
            unless(!stillWorks, () -> "region " + PLAN + ": " + describe(a) + " is not needed: without it "
                    + member.principal() + " still does the job (" + job + ")");
        }
    }

    private static String roles(List<Assignment> assignments) {
        return assignments.isEmpty() ? "no role" : assignments.stream().map(a -> a.role() + " at "
                + (a.secret() == null ? "the vault" : "secret " + a.secret())).collect(Collectors.joining(", "));
    }

    // ---- task 1: the app and the pipeline ----

    @Order(1)
    @DisplayName("the app's identity reads its two secrets and nothing else")
    @Check(task = 1, region = PLAN, hint = "see " + PAGE + "1: Secrets User reads values; a role can be scoped to "
            + "one secret, so the app never sees the others")
    void appReadsItsSecretsOnly(Learner learner, CheckVault vault, Random random) {
        Drawn drawn = draw(vault, random);
        List<Assignment> plan = apply(learner, vault, drawn);
        Member app = drawn.app();
        List<Op> needed = app.secrets().stream().map(LeastPrivilegeCheck::get).toList();
        List<Op> refused = new ArrayList<>(drawn.others().stream().map(LeastPrivilegeCheck::get).toList());
        refused.add(list());
        refused.add(set(app.secrets().get(0), "store a new version of"));
        prove(vault, plan, app, "reads " + String.join(" and ", app.secrets()), needed, refused);
    }

    @Order(2)
    @DisplayName("the CI pipeline creates and rotates secrets, with no role beyond secrets")
    @Check(task = 1, region = PLAN, hint = "see " + PAGE + "1: a secret that does not exist yet has no scope of its "
            + "own; which role manages secrets, and only secrets?")
    void pipelineManagesSecrets(Learner learner, CheckVault vault, Random random) {
        Drawn drawn = draw(vault, random);
        List<Assignment> plan = apply(learner, vault, drawn);
        Member ci = drawn.ci();
        for (Assignment a : of(plan, ci)) {
            unless(!a.role().equals(Role.ADMINISTRATOR.displayName()), () -> "region " + PLAN + ": " + describe(a)
                    + " also manages keys, certificates and the vault's own settings: the pipeline only works "
                    + "with secrets");
        }
        String existing = drawn.others().get(random.nextInt(drawn.others().size()));
        List<Op> needed = List.of(set(vault.name(TestData.name(random, "new")), "create secret"),
                set(existing, "store a new version of"), update(vault, existing));
        prove(vault, plan, ci, "creates and rotates secrets", needed, List.of());
    }

    // ---- task 2: the auditor and the developer ----

    @Order(3)
    @DisplayName("the auditor lists secrets and versions, and reads no value")
    @Check(task = 2, region = PLAN, hint = "see " + PAGE + "2: listing is an operation on the vault, not on a secret; "
            + "one built-in role reads metadata but no value")
    void auditorListsMetadataOnly(Learner learner, CheckVault vault, Random random) {
        Drawn drawn = draw(vault, random);
        List<Assignment> plan = apply(learner, vault, drawn);
        String any = drawn.app().secrets().get(random.nextInt(2));
        String other = drawn.others().get(random.nextInt(2));
        List<Op> needed = List.of(list(), listVersions(any), listVersions(other));
        List<Op> refused = List.of(get(any), get(other), set(other, "store a new version of"));
        prove(vault, plan, drawn.auditor(), "lists metadata", needed, refused);
    }

    @Order(4)
    @DisplayName("the developer, subscription Contributor, gets no data-plane role")
    @Check(task = 2, region = PLAN, hint = "see " + PAGE + "2: Contributor manages the resource; does the "
            + "developer's job need a single secret operation?")
    void developerGetsNoDataPlaneRole(Learner learner, CheckVault vault, Random random) {
        Drawn drawn = draw(vault, random);
        List<Assignment> plan = apply(learner, vault, drawn);
        Member dev = drawn.developer();
        String any = drawn.app().secrets().get(random.nextInt(2));
        prove(vault, plan, dev, "manages Azure resources", List.of(),
                List.of(get(any), list(), set(any, "store a new version of")));
        unless(of(plan, dev).isEmpty(), () -> "region " + PLAN + " gives the developer " + roles(of(plan, dev))
                + ": their job is on the management plane, which Contributor already covers");
    }

    // ---- task 3-4: refusals explained ----

    private static void requireExplained(Refusal refusal, String name, int status, String code, Cause cause) {
        unless(refusal != null, () -> "region " + EXPLAIN + " returned null: return a Refusal, also when the read works");
        unless(cause == refusal.cause(), () -> "region " + EXPLAIN + " explains the vault's " + status + " "
                + (code == null ? "" : code + " ") + "as " + refusal.cause() + ", expected " + cause);
        unless(status == refusal.status(), () -> "region " + EXPLAIN + " reports status " + refusal.status()
                + ", the vault answered " + status);
        unless(java.util.Objects.equals(code, refusal.code()), () -> "region " + EXPLAIN + " reports code "
                + quote(refusal.code()) + ", expected " + quote(code) + (code == null ? "" : " (the most specific code: "
                + "the inner error's when there is one)"));
        unless(name.equals(refusal.secret()), () -> "region " + EXPLAIN + " reports secret " + quote(refusal.secret())
                + ", expected " + quote(name));
        unless(cause.fix().equals(refusal.fix()), () -> "region " + EXPLAIN + ": the fix for " + cause + " is "
                + quote(refusal.fix()) + ", expected the cause's own: " + cause.fix());
    }

    @Order(5)
    @DisplayName("explains 403 ForbiddenByRbac: a Contributor has no data-plane role")
    @Check(task = 3, region = EXPLAIN, hint = "see " + PAGE + "3: every 403 says Forbidden; what tells them apart "
            + "is inside the error body")
    void explainsMissingRole(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "api"));
        vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        String developer = TestData.name(random, "dev");
        vault.localVault().roles().assign(developer, Role.CONTRIBUTOR, Scope.vault(VAULT));
        Refusal refusal = explainRefusal(learner, vault.clientAs(developer), name);
        requireExplained(refusal, name, 403, "ForbiddenByRbac", Cause.NO_DATA_PLANE_ROLE);
    }

    @Order(6)
    @Tag(Check.SHARED_VAULT)
    @DisplayName("explains 403 SecretDisabled: the latest version is disabled")
    @Check(task = 3, region = EXPLAIN, hint = "see " + PAGE + "3: the inner error's code names the reason for a 403")
    void explainsDisabledSecret(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "retired"));
        KeyVaultSecret stored = vault.put(name, TestData.longValue(random), TestData.contentType(random),
                TestData.tags(random));
        vault.admin().updateSecretProperties(stored.getProperties().setEnabled(false));
        Refusal refusal = explainRefusal(learner, vault.client(), name);
        requireExplained(refusal, name, 403, "SecretDisabled", Cause.SECRET_DISABLED);
    }

    @Order(7)
    @DisplayName("explains 403 ForbiddenByFirewall: the vault firewall refused the caller's address")
    @Check(task = 3, region = EXPLAIN, hint = "see " + PAGE + "3: a firewall refusal comes before any role is "
            + "looked at; its inner code says so")
    void explainsFirewall(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "api"));
        vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        vault.localVault().faults().firewall("SecretGet");
        Refusal refusal = explainRefusal(learner, vault.client(), name);
        requireExplained(refusal, name, 403, "ForbiddenByFirewall", Cause.BLOCKED_BY_FIREWALL);
    }

    @Order(8)
    @DisplayName("explains 401: the caller is not signed in")
    @Check(task = 4, region = EXPLAIN, hint = "see " + PAGE + "4: the SDK throws a different exception for 401; "
            + "catch what all the service's refusals share")
    void explainsNotSignedIn(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "api"));
        vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        Refusal refusal = explainRefusal(learner, vault.clientSignedOut(), name);
        requireExplained(refusal, name, 401, "Unauthorized", Cause.NOT_SIGNED_IN);
    }

    @Order(9)
    @DisplayName("says when a read worked, and calls a missing secret no access problem")
    @Check(task = 4, region = EXPLAIN, hint = "see " + PAGE + "4: a read that works is not refused; a 404 is about "
            + "the name, not about access")
    void explainsReadAndNotFound(Learner learner, CheckVault vault, Random random) {
        String name = vault.name(TestData.name(random, "api"));
        vault.put(name, TestData.longValue(random), TestData.contentType(random), TestData.tags(random));
        requireExplained(explainRefusal(learner, vault.client(), name), name, 200, null, Cause.NOT_REFUSED);
        String missing = vault.name(TestData.name(random, "missing"));
        requireExplained(explainRefusal(learner, vault.client(), missing), missing, 404, "SecretNotFound", Cause.OTHER);
    }
}
