// expect: pass
// BEGIN PLAN_ROLES
        List<Assignment> plan = new ArrayList<>();
        team.members().stream().filter(m -> m.job() == Job.LISTS_METADATA)
                .forEach(m -> plan.add(Assignment.onVault(m.principal(), "Key Vault Reader")));
        team.members().stream().filter(m -> m.job() == Job.READS_NAMED_SECRETS)
                .forEach(m -> m.secrets().forEach(s -> plan.add(Assignment.onSecret(m.principal(), "Key Vault Secrets User", s))));
        team.members().stream().filter(m -> m.job() == Job.CREATES_AND_ROTATES_SECRETS)
                .forEach(m -> plan.add(Assignment.onVault(m.principal(), "Key Vault Secrets Officer")));
        return plan;
// END PLAN_ROLES
// BEGIN EXPLAIN_REFUSAL
        Refusal refusal;
        try {
            client.getSecret(name);
            refusal = new Refusal(name, 200, null, Cause.NOT_REFUSED, Cause.NOT_REFUSED.fix());
        } catch (HttpResponseException e) {
            ServiceError error = ServiceError.of(e);
            String inner = error.innerCode();
            String code = inner == null ? error.code() : inner;
            Cause cause = Cause.OTHER;
            if (e instanceof ClientAuthenticationException) {
                cause = Cause.NOT_SIGNED_IN;
            } else if (error.status() == 403 && inner != null) {
                cause = Set.of("ForbiddenByRbac").contains(inner) ? Cause.NO_DATA_PLANE_ROLE
                        : inner.equals("SecretDisabled") ? Cause.SECRET_DISABLED
                        : inner.equals("ForbiddenByFirewall") ? Cause.BLOCKED_BY_FIREWALL : Cause.OTHER;
            }
            refusal = new Refusal(name, error.status(), code, cause, cause.fix());
        }
        return refusal;
// END EXPLAIN_REFUSAL
