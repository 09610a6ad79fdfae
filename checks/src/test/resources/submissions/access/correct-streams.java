// expect: pass
// BEGIN PLAN_ROLES
        Map<Job, String> vaultRole = Map.of(Job.CREATES_AND_ROTATES_SECRETS, "Key Vault Secrets Officer",
                Job.LISTS_METADATA, "Key Vault Reader");
        return team.members().stream()
                .flatMap(m -> m.job() == Job.READS_NAMED_SECRETS
                        ? m.secrets().stream().map(s -> Assignment.onSecret(m.principal(), "Key Vault Secrets User", s))
                        : vaultRole.containsKey(m.job())
                                ? java.util.stream.Stream.of(Assignment.onVault(m.principal(), vaultRole.get(m.job())))
                                : java.util.stream.Stream.empty())
                .collect(Collectors.toList());
// END PLAN_ROLES
// BEGIN EXPLAIN_REFUSAL
        try {
            KeyVaultSecret secret = client.getSecret(name);
            return new Refusal(secret.getName(), 200, null, Cause.NOT_REFUSED, Cause.NOT_REFUSED.fix());
        } catch (ClientAuthenticationException e) {
            return new Refusal(name, 401, ServiceError.of(e).code(), Cause.NOT_SIGNED_IN, Cause.NOT_SIGNED_IN.fix());
        } catch (HttpResponseException e) {
            ServiceError error = ServiceError.of(e);
            String code = error.innerCode() == null ? error.code() : error.innerCode();
            Map<String, Cause> forbidden = Map.of("ForbiddenByRbac", Cause.NO_DATA_PLANE_ROLE,
                    "SecretDisabled", Cause.SECRET_DISABLED, "ForbiddenByFirewall", Cause.BLOCKED_BY_FIREWALL);
            Cause cause = error.status() == 403 ? forbidden.getOrDefault(code, Cause.OTHER) : Cause.OTHER;
            return new Refusal(name, error.status(), code, cause, cause.fix());
        }
// END EXPLAIN_REFUSAL
