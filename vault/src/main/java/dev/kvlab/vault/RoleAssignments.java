package dev.kvlab.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The vault's role assignments (Azure RBAC, data plane). Thread-safe; changes apply to the next request, with no
 * propagation delay (unlike Azure, where an assignment can take minutes).
 */
public final class RoleAssignments {
    private final List<RoleAssignment> assignments = new CopyOnWriteArrayList<>();
    private final List<String> vaults;

    RoleAssignments(List<String> vaults) {
        this.vaults = List.copyOf(vaults);
        resetToBuiltIn();
    }

    /** Gives {@code principal} {@code role} at {@code scope}; assigning the same thing twice is a no-op. */
    public RoleAssignment assign(String principal, Role role, Scope scope) {
        RoleAssignment assignment = new RoleAssignment(principal, role, scope);
        if (!assignments.contains(assignment)) {
            assignments.add(assignment);
        }
        return assignment;
    }

    /** Removes one assignment; returns whether it existed. */
    public boolean revoke(String principal, Role role, Scope scope) {
        return assignments.remove(new RoleAssignment(principal, role, scope));
    }

    /** Removes every assignment of {@code principal}. */
    public void revokeAll(String principal) {
        assignments.removeIf(a -> a.principal().equals(principal));
    }

    public List<RoleAssignment> list() {
        return List.copyOf(assignments);
    }

    public List<RoleAssignment> of(String principal) {
        List<RoleAssignment> result = new ArrayList<>();
        for (RoleAssignment a : assignments) {
            if (a.principal().equals(principal)) {
                result.add(a);
            }
        }
        return result;
    }

    /** Whether {@code principal} may perform data action {@code action} on {@code secret} (null: the vault). */
    public boolean allows(String principal, String action, String vault, String secret) {
        for (RoleAssignment a : assignments) {
            if (a.principal().equals(principal) && a.scope().covers(vault, secret) && a.role().allows(action)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Back to the built-in principals: {@code lab-user} Secrets Officer, {@code reader} Reader, {@code app}
     * Secrets User, {@code purger} Purge Operator, {@code admin} Administrator and {@code contributor} Contributor,
     * each on every vault.
     */
    public void resetToBuiltIn() {
        List<RoleAssignment> builtIn = new ArrayList<>();
        for (String vault : vaults) {
            Scope scope = Scope.vault(vault);
            builtIn.add(new RoleAssignment(LocalAuthority.LAB_USER, Role.SECRETS_OFFICER, scope));
            builtIn.add(new RoleAssignment("reader", Role.READER, scope));
            builtIn.add(new RoleAssignment("app", Role.SECRETS_USER, scope));
            builtIn.add(new RoleAssignment("purger", Role.PURGE_OPERATOR, scope));
            builtIn.add(new RoleAssignment("admin", Role.ADMINISTRATOR, scope));
            builtIn.add(new RoleAssignment("contributor", Role.CONTRIBUTOR, scope));
        }
        assignments.clear();
        assignments.addAll(builtIn);
    }
}
