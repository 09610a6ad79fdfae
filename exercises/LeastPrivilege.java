///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 8: least privilege, a role plan for a team and the refusals it prevents (instructions: docs/access.md)

package dev.kvlab.exercises;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.ServiceError;
import dev.kvlab.runtime.Table;
import dev.kvlab.vault.Faults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Exercise 8: least privilege: a role plan for a team, and what a refusal says about the access that is missing. */
public class LeastPrivilege {

    /** What a member of the team does with the vault: their job, not their title. */
    public enum Job {
        /** Reads the values of the secrets named in {@link Member#secrets()}, nothing else (an app's managed identity). */
        READS_NAMED_SECRETS,
        /** Creates new secrets and rotates existing ones (stores new versions, updates properties): a CI pipeline. */
        CREATES_AND_ROTATES_SECRETS,
        /** Lists the secrets and their versions with their properties, never a value: an auditor. */
        LISTS_METADATA,
        /** Manages the Azure resources (subscription Contributor): deploys, scales, sets tags; no secret work. */
        MANAGES_AZURE_RESOURCES
    }

    /** One member of the team: the principal Azure knows them by, their job, and the secrets it names (may be empty). */
    public record Member(String principal, Job job, List<String> secrets) {
    }

    /** The team that works with one vault. */
    public record Team(String vault, List<Member> members) {
    }

    /**
     * One role assignment of the plan: {@code role} is a built-in role's name as Azure spells it (e.g. "Key Vault
     * Secrets User"); {@code secret} is the one secret it is scoped to, or null for the whole vault.
     */
    public record Assignment(String principal, String role, String secret) {
        public static Assignment onVault(String principal, String role) {
            return new Assignment(principal, role, null);
        }

        public static Assignment onSecret(String principal, String role, String secret) {
            return new Assignment(principal, role, secret);
        }

        /** "vault" or "secrets/<name>": the scope as the plan file writes it, after the vault's resource id. */
        public String scope() {
            return secret == null ? "vault" : "secrets/" + secret;
        }
    }

    /** The course's team: the app reads the two sample secrets, the pipeline manages secrets, and two more people. */
    public static final Team TEAM = new Team("kvlab", List.of(
            new Member("app", Job.READS_NAMED_SECRETS, List.of("openai-api-key", "cosmosdb-connection-string")),
            new Member("ci-pipeline", Job.CREATES_AND_ROTATES_SECRETS, List.of()),
            new Member("auditor", Job.LISTS_METADATA, List.of()),
            new Member("developer", Job.MANAGES_AZURE_RESOURCES, List.of())));

    /**
     * Task 1-2 (docs/access.md): the least each member needs to do their job: a list of role assignments, built-in
     * roles only, each at the vault or at one secret. A member who needs no data-plane role gets no assignment.
     */
    public static List<Assignment> planRoles(Team team) {
        // BEGIN PLAN_ROLES
        throw new UnsupportedOperationException("LeastPrivilege: fill in region PLAN_ROLES in exercises/LeastPrivilege.java (see docs/access.md), then run ./jbang check access");
        // END PLAN_ROLES
    }

    /** Why a read was refused, from the exception alone, with what to do about it. */
    public enum Cause {
        NOT_REFUSED("nothing to do: the read worked"),
        NOT_SIGNED_IN("sign in: az login here, a managed identity in Azure"),
        NO_DATA_PLANE_ROLE("assign a data-plane role (Key Vault Secrets User): Contributor is management plane"),
        SECRET_DISABLED("enable the version or store a new one"),
        BLOCKED_BY_FIREWALL("allow the caller's address in the vault firewall, or use a private endpoint"),
        OTHER("not an access problem: read the status and error code");

        private final String fix;

        Cause(String fix) {
            this.fix = fix;
        }

        public String fix() {
            return fix;
        }
    }

    /**
     * A read of one secret and how it ended: the HTTP status (200 when it worked), Azure's most specific error code
     * (the inner error's code when there is one, null when it worked), the cause and its fix.
     */
    public record Refusal(String secret, int status, String code, Cause cause, String fix) {
    }

    /**
     * Task 3-4 (docs/access.md): reads {@code name} once with {@code client} and explains the outcome from the
     * exception alone (status and error codes, never the message's wording).
     */
    public static Refusal explainRefusal(SecretClient client, String name) {
        // BEGIN EXPLAIN_REFUSAL
        throw new UnsupportedOperationException("LeastPrivilege: fill in region EXPLAIN_REFUSAL in exercises/LeastPrivilege.java (see docs/access.md), then run ./jbang check access");
        // END EXPLAIN_REFUSAL
    }

    /** Writes the plan as the setup script reads it: one assignment a line, principal, role and scope by tabs. */
    static void writePlan(List<Assignment> plan, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# principal\trole\tscope (vault or secrets/<name>): bash setup/azdeploy.sh roles --plan " + file);
        for (Assignment a : plan) {
            lines.add(a.principal() + "\t" + a.role() + "\t" + a.scope());
        }
        Files.write(file, lines);
    }

    /**
     * On the embedded local vault, makes each kind of refusal happen once: a Contributor's read, a disabled
     * secret, the firewall. A real vault is left as it is.
     */
    static List<Refusal> localRefusals(SecretClient client) {
        if (System.getenv("KEY_VAULT_URL") != null) {
            return List.of(explainRefusal(client, "openai-api-key"));
        }
        List<Refusal> refusals = new ArrayList<>();
        refusals.add(explainRefusal(client, "openai-api-key"));
        refusals.add(explainRefusal(Lab.client(Lab.localVault(), "contributor"), "openai-api-key"));
        KeyVaultSecret disabled = client.setSecret(new KeyVaultSecret("retired-api-key", "demo-retired-key-0000"));
        client.updateSecretProperties(disabled.getProperties().setEnabled(false));
        refusals.add(explainRefusal(client, "retired-api-key"));
        Lab.localVault().faults().failNext(1, Faults.FIREWALL, "SecretGet");
        refusals.add(explainRefusal(client, "openai-api-key"));
        return refusals;
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            List<Assignment> plan = planRoles(TEAM);
            System.out.println("Role plan for vault " + TEAM.vault() + " (" + plan.size() + " assignments)");
            Table.of(Assignment.class, plan).print();
            List<String> rest = List.of(args);
            int at = rest.indexOf("--plan");
            if (at >= 0) {
                if (at + 1 >= rest.size()) {
                    throw new IllegalArgumentException("--plan needs a file name: --plan roles.tsv");
                }
                Path file = Path.of(rest.get(at + 1));
                writePlan(plan, file);
                System.out.println("Plan written to " + file + ": apply it with bash setup/azdeploy.sh roles --plan " + file);
            }
            SecretClient client = Lab.client();
            System.out.println("Refusals explained (" + client.getVaultUrl() + ")");
            Table.of(Refusal.class, localRefusals(client)).print();
        });
    }
}
