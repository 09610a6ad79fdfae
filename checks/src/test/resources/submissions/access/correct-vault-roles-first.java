// expect: pass
// BEGIN PLAN_ROLES
        // vault-wide roles first, then the secret-scoped ones; the developer is left out on purpose
        List<Assignment> plan = new ArrayList<>();
        for (Member m : team.members()) {
            if (m.job() == Job.CREATES_AND_ROTATES_SECRETS) {
                plan.add(new Assignment(m.principal(), "Key Vault Secrets Officer", null));
            } else if (m.job() == Job.LISTS_METADATA) {
                plan.add(new Assignment(m.principal(), "Key Vault Reader", null));
            }
        }
        for (Member m : team.members()) {
            if (m.job() == Job.READS_NAMED_SECRETS) {
                for (String s : m.secrets()) {
                    plan.add(new Assignment(m.principal(), "Key Vault Secrets User", s));
                }
            }
        }
        return plan;
// END PLAN_ROLES
// BEGIN EXPLAIN_REFUSAL
        int status = 200;
        String code = null;
        try {
            client.getSecret(name);
        } catch (HttpResponseException e) {
            status = e.getResponse().getStatusCode();
            // the SDK parsed the error body into a map: error.code and error.innererror.code
            Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) e.getValue()).get("error");
            code = String.valueOf(error.get("code"));
            if (error.get("innererror") instanceof Map<?, ?> inner) {
                code = String.valueOf(inner.get("code"));
            }
        }
        Cause cause;
        if (status == 200) {
            cause = Cause.NOT_REFUSED;
        } else if (status == 401) {
            cause = Cause.NOT_SIGNED_IN;
        } else if (status == 403 && "ForbiddenByRbac".equals(code)) {
            cause = Cause.NO_DATA_PLANE_ROLE;
        } else if (status == 403 && "SecretDisabled".equals(code)) {
            cause = Cause.SECRET_DISABLED;
        } else if (status == 403 && "ForbiddenByFirewall".equals(code)) {
            cause = Cause.BLOCKED_BY_FIREWALL;
        } else {
            cause = Cause.OTHER;
        }
        return new Refusal(name, status, code, cause, cause.fix());
// END EXPLAIN_REFUSAL
