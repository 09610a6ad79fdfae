// expect: fail explains 403 ForbiddenByFirewall
// message: expected BLOCKED_BY_FIREWALL
// BEGIN EXPLAIN_REFUSAL
        try {
            client.getSecret(name);
            return new Refusal(name, 200, null, Cause.NOT_REFUSED, Cause.NOT_REFUSED.fix());
        } catch (HttpResponseException e) {
            ServiceError error = ServiceError.of(e);
            // the three 403s differ only in the inner error's code; the message's wording is not a contract
            String code = error.innerCode() != null ? error.innerCode() : error.code();
            Cause cause = Cause.OTHER;
            if (error.status() == 401) {
                cause = Cause.NOT_SIGNED_IN;
            } else if (error.status() == 403) {
                String message = error.message() == null ? "" : error.message();
                if (message.contains("not authorized")) {
                    cause = Cause.NO_DATA_PLANE_ROLE;
                } else if (message.contains("disabled")) {
                    cause = Cause.SECRET_DISABLED;
                } else if (message.contains("firewall") || message.contains("address")) {
                    cause = Cause.BLOCKED_BY_FIREWALL;
                }
            }
            return new Refusal(name, error.status(), code, cause, cause.fix());
        }
// END EXPLAIN_REFUSAL
