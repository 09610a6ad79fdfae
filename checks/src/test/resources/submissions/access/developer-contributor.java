// expect: fail the developer, subscription Contributor
// message: a management-plane role grants nothing on secrets
// BEGIN PLAN_ROLES
        List<Assignment> plan = new ArrayList<>();
        for (Member member : team.members()) {
            String who = member.principal();
            switch (member.job()) {
                // one Secrets User per secret, at that secret: the app reads those two and no other
                case READS_NAMED_SECRETS -> member.secrets()
                        .forEach(secret -> plan.add(Assignment.onSecret(who, "Key Vault Secrets User", secret)));
                // a secret that does not exist yet has no scope of its own: creating one needs the vault
                case CREATES_AND_ROTATES_SECRETS -> plan.add(Assignment.onVault(who, "Key Vault Secrets Officer"));
                // lists are vault-level operations; Reader shows properties, never a value
                case LISTS_METADATA -> plan.add(Assignment.onVault(who, "Key Vault Reader"));
                // Contributor already does this job on the management plane: no data-plane role at all
                case MANAGES_AZURE_RESOURCES -> plan.add(Assignment.onVault(who, "Contributor"));
            }
        }
        return plan;
// END PLAN_ROLES
