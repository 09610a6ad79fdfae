// expect: fail explains 401
// message: ClientAuthenticationException
// BEGIN EXPLAIN_REFUSAL
        try {
            client.getSecret(name);
            return new Refusal(name, 200, null, Cause.NOT_REFUSED, Cause.NOT_REFUSED.fix());
        } catch (com.azure.core.exception.ResourceModifiedException e) {
            ServiceError error = ServiceError.of(e);
            // the three 403s differ only in the inner error's code; the message's wording is not a contract
            String code = error.innerCode() != null ? error.innerCode() : error.code();
            Cause cause = Cause.OTHER;
            if (error.status() == 401) {
                cause = Cause.NOT_SIGNED_IN;
            } else if (error.status() == 403) {
                cause = switch (code) {
                    case "ForbiddenByRbac" -> Cause.NO_DATA_PLANE_ROLE;
                    case "SecretDisabled" -> Cause.SECRET_DISABLED;
                    case "ForbiddenByFirewall" -> Cause.BLOCKED_BY_FIREWALL;
                    default -> Cause.OTHER;
                };
            }
            return new Refusal(name, error.status(), code, cause, cause.fix());
        }
// END EXPLAIN_REFUSAL
