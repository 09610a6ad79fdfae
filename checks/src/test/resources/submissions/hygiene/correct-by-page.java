// expect: pass
// BEGIN AUDIT_VAULT
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Finding> findings = new ArrayList<>();
        for (var page : client.listPropertiesOfSecrets().iterableByPage()) {
            for (SecretProperties p : page.getElements()) {
                OffsetDateTime expires = p.getExpiresOn();
                boolean disabled = Boolean.FALSE.equals(p.isEnabled());
                if (expires == null) {
                    findings.add(new Finding(p.getName(), Problem.NO_EXPIRY.severity(), Problem.NO_EXPIRY, Problem.NO_EXPIRY.fix()));
                } else if (expires.compareTo(now) <= 0) {
                    if (!disabled) {
                        findings.add(new Finding(p.getName(), Severity.CRITICAL, Problem.EXPIRED_BUT_ENABLED, Problem.EXPIRED_BUT_ENABLED.fix()));
                    }
                } else if (expires.compareTo(now.plusDays(warningDays)) <= 0) {
                    findings.add(new Finding(p.getName(), Severity.HIGH, Problem.EXPIRES_SOON, Problem.EXPIRES_SOON.fix()));
                }
                if (disabled) {
                    findings.add(new Finding(p.getName(), Severity.HIGH, Problem.LATEST_DISABLED, Problem.LATEST_DISABLED.fix()));
                }
                if (p.getCreatedOn().plusDays(180).isBefore(now)) {
                    findings.add(new Finding(p.getName(), Severity.MEDIUM, Problem.NOT_ROTATED, Problem.NOT_ROTATED.fix()));
                }
                if (p.getContentType() == null) {
                    findings.add(new Finding(p.getName(), Severity.LOW, Problem.NO_CONTENT_TYPE, Problem.NO_CONTENT_TYPE.fix()));
                }
            }
        }
        findings.sort((a, b) -> a.problem() != b.problem() ? a.problem().compareTo(b.problem()) : a.name().compareTo(b.name()));
        return findings;
// END AUDIT_VAULT
