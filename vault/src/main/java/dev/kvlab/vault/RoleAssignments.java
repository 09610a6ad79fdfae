package dev.kvlab.vault;

import java.util.ArrayList;
import java.util.List;

/**
 * The vault's role assignments (Azure RBAC, data plane). Thread-safe; changes apply to the next request, with no
 * propagation delay (unlike Azure, where an assignment can take minutes).
 */
public final class RoleAssignments {
    // replaced whole on every change, so a request always checks one consistent set
    private volatile List<RoleAssignment> assignments = List.of();
    private final List<String> vaults;

    RoleAssignments(List<String> vaults) {
        this.vaults = List.copyOf(vaults);
        resetToBuiltIn();
    }

    /** Gives {@code principal} {@code role} at {@code scope}; assigning the same thing twice is a no-op. */
    public synchronized RoleAssignment assign(String principal, Role role, Scope scope) {
        RoleAssignment assignment = new RoleAssignment(principal, role, scope);
        if (!assignments.contains(assignment)) {
            List<RoleAssignment> changed = new ArrayList<>(assignments);
            changed.add(assignment);
            assignments = List.copyOf(changed);
        }
        return assignment;
    }

    /** Removes one assignment; returns whether it existed. */
    public synchronized boolean revoke(String principal, Role role, Scope scope) {
        List<RoleAssignment> changed = new ArrayList<>(assignments);
        boolean removed = changed.remove(new RoleAssignment(principal, role, scope));
        assignments = List.copyOf(changed);
        return removed;
    }

    /** Removes every assignment of {@code principal}. */
    public synchronized void revokeAll(String principal) {
        List<RoleAssignment> changed = new ArrayList<>(assignments);
        changed.removeIf(a -> a.principal().equals(principal));
        assignments = List.copyOf(changed);
    }

    public List<RoleAssignment> list() {
        return assignments;
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
    public synchronized void resetToBuiltIn() {
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
        assignments = List.copyOf(builtIn);
    }
}
