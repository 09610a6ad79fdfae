// expect: pass
// BEGIN AUDIT_VAULT
        // one bucket per problem, filled in listing order, each bucket sorted by name, buckets in severity order
        java.util.EnumMap<Problem, List<String>> byProblem = new java.util.EnumMap<>(Problem.class);
        Instant now = clock.instant();
        Instant soon = now.plus(Duration.ofDays(warningDays));
        for (SecretProperties p : client.listPropertiesOfSecrets()) {
            Instant exp = p.getExpiresOn() == null ? null : p.getExpiresOn().toInstant();
            boolean enabled = Boolean.TRUE.equals(p.isEnabled());
            List<Problem> problems = new ArrayList<>();
            if (exp == null) problems.add(Problem.NO_EXPIRY);
            else if (exp.compareTo(now) <= 0 && enabled) problems.add(Problem.EXPIRED_BUT_ENABLED);
            else if (exp.compareTo(now) > 0 && exp.compareTo(soon) <= 0) problems.add(Problem.EXPIRES_SOON);
            if (!enabled) problems.add(Problem.LATEST_DISABLED);
            if (p.getCreatedOn().toInstant().plus(ROTATION_PERIOD).isBefore(now)) problems.add(Problem.NOT_ROTATED);
            if (p.getContentType() == null || p.getContentType().isBlank()) problems.add(Problem.NO_CONTENT_TYPE);
            for (Problem problem : problems) {
                byProblem.computeIfAbsent(problem, k -> new ArrayList<>()).add(p.getName());
            }
        }
        List<Finding> findings = new ArrayList<>();
        byProblem.forEach((problem, names) -> names.stream().sorted()
                .forEach(n -> findings.add(new Finding(n, problem.severity(), problem, problem.fix()))));
        return findings;
// END AUDIT_VAULT
