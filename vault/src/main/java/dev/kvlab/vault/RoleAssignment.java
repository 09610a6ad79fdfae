package dev.kvlab.vault;

import java.util.Objects;

/** One role given to one principal at one scope, like an Azure role assignment. */
public record RoleAssignment(String principal, Role role, Scope scope) {
    public RoleAssignment {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
    }
}
