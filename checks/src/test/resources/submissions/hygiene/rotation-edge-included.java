// expect: fail finds every problem
// message: not yet overdue
// BEGIN AUDIT_VAULT
        Instant now = clock.instant();
        Instant warnUntil = now.plus(Duration.ofDays(warningDays));
        Instant rotateBy = now.minus(ROTATION_PERIOD);
        List<Finding> findings = new ArrayList<>();
        // one listing, every page: each item carries the latest version's properties, never a value
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            List<Problem> problems = new ArrayList<>();
            boolean enabled = Boolean.TRUE.equals(p.isEnabled());
            Instant expires = p.getExpiresOn() == null ? null : p.getExpiresOn().toInstant();
            if (expires == null) {
                problems.add(Problem.NO_EXPIRY);
            } else if (!now.isBefore(expires)) {
                if (enabled) {
                    problems.add(Problem.EXPIRED_BUT_ENABLED);
                }
            } else if (!expires.isAfter(warnUntil)) {
                problems.add(Problem.EXPIRES_SOON);
            }
            if (!enabled) {
                problems.add(Problem.LATEST_DISABLED);
            }
            if (!p.getCreatedOn().toInstant().isAfter(rotateBy)) {
                problems.add(Problem.NOT_ROTATED);
            }
            if (p.getContentType() == null || p.getContentType().isBlank()) {
                problems.add(Problem.NO_CONTENT_TYPE);
            }
            for (Problem problem : problems) {
                findings.add(new Finding(p.getName(), problem.severity(), problem, problem.fix()));
            }
        }
        // most severe first; within a severity, the practices in their order, then by name
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::problem).thenComparing(Finding::name));
        return findings;
// END AUDIT_VAULT
