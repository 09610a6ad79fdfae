// expect: pass
// BEGIN AUDIT_VAULT
        Instant now = clock.instant();
        return client.listPropertiesOfSecrets().stream()
                .flatMap(p -> {
                    List<Problem> found = new ArrayList<>();
                    boolean on = p.isEnabled() != null && p.isEnabled();
                    Instant exp = p.getExpiresOn() == null ? null : p.getExpiresOn().toInstant();
                    if (exp == null) {
                        found.add(Problem.NO_EXPIRY);
                    }
                    if (exp != null && !exp.isAfter(now) && on) {
                        found.add(Problem.EXPIRED_BUT_ENABLED);
                    }
                    if (exp != null && exp.isAfter(now) && !exp.isAfter(now.plus(Duration.ofDays(warningDays)))) {
                        found.add(Problem.EXPIRES_SOON);
                    }
                    if (!on) {
                        found.add(Problem.LATEST_DISABLED);
                    }
                    if (Duration.between(p.getCreatedOn().toInstant(), now).compareTo(ROTATION_PERIOD) > 0) {
                        found.add(Problem.NOT_ROTATED);
                    }
                    if (p.getContentType() == null || p.getContentType().isEmpty()) {
                        found.add(Problem.NO_CONTENT_TYPE);
                    }
                    return found.stream().map(pr -> new Finding(p.getName(), pr.severity(), pr, pr.fix()));
                })
                .sorted(Comparator.comparing(Finding::problem).thenComparing(Finding::name))
                .toList();
// END AUDIT_VAULT
