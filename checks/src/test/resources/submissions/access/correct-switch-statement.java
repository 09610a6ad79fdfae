// expect: pass
// BEGIN PLAN_ROLES
        final String user = "Key Vault Secrets User";
        final String officer = "Key Vault Secrets Officer";
        final String reader = "Key Vault Reader";
        List<Assignment> plan = new ArrayList<>();
        for (Member m : team.members()) {
            switch (m.job()) {
                case READS_NAMED_SECRETS:
                    for (String secret : m.secrets()) {
                        plan.add(Assignment.onSecret(m.principal(), user, secret));
                    }
                    break;
                case CREATES_AND_ROTATES_SECRETS:
                    plan.add(Assignment.onVault(m.principal(), officer));
                    break;
                case LISTS_METADATA:
                    plan.add(Assignment.onVault(m.principal(), reader));
                    break;
                default:
                    break; // management plane only: nothing here
            }
        }
        return plan;
// END PLAN_ROLES
// BEGIN EXPLAIN_REFUSAL
        try {
            client.getSecret(name);
            return new Refusal(name, 200, null, Cause.NOT_REFUSED, Cause.NOT_REFUSED.fix());
        } catch (HttpResponseException e) {
            ServiceError error = ServiceError.of(e);
            String code = error.innerCode() != null ? error.innerCode() : error.code();
            Cause cause;
            switch (error.status()) {
                case 401:
                    cause = Cause.NOT_SIGNED_IN;
                    break;
                case 403:
                    if (code.equals("ForbiddenByFirewall")) {
                        cause = Cause.BLOCKED_BY_FIREWALL;
                    } else if (code.equals("SecretDisabled")) {
                        cause = Cause.SECRET_DISABLED;
                    } else if (code.equals("ForbiddenByRbac")) {
                        cause = Cause.NO_DATA_PLANE_ROLE;
                    } else {
                        cause = Cause.OTHER;
                    }
                    break;
                default:
                    cause = Cause.OTHER;
            }
            return new Refusal(name, error.status(), code, cause, cause.fix());
        }
// END EXPLAIN_REFUSAL
