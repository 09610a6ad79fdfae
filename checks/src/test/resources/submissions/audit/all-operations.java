// expect: fail alerts on SecretGet refused
// message: fired an alert the rule does not fire
// counts every refused operation (lists, sets, deletes), not only SecretGet
        // BEGIN EVALUATE_RULE
        // one group per window and caller, in a stable order: window index, then caller
        Map<List<Object>, List<AzureDiagnostics>> groups = new LinkedHashMap<>();
        records.stream()
                .filter(r -> r.id_s() != null) // every operation on a secret
                .filter(r -> "Unauthorized".equals(r.ResultSignature()) || "Forbidden".equals(r.ResultSignature()))
                .filter(r -> !r.TimeGenerated().isBefore(evaluationStart)) // the rule never looked before it
                .sorted(Comparator.comparing(AzureDiagnostics::TimeGenerated))
                .forEach(r -> {
                    // tumbling windows aligned to the evaluations: [start + k*5m, start + (k+1)*5m)
                    long window = Duration.between(evaluationStart, r.TimeGenerated()).toNanos() / WINDOW.toNanos();
                    groups.computeIfAbsent(Arrays.asList(window, r.identity_claim_oid_g(),
                            r.CallerIPAddress()), k -> new ArrayList<>()).add(r);
                });
        List<Alert> alerts = new ArrayList<>();
        groups.forEach((key, refused) -> {
            if (refused.size() > THRESHOLD) {
                Instant windowStart = evaluationStart.plus(WINDOW.multipliedBy((Long) key.get(0)));
                TreeSet<String> secrets = new TreeSet<>();
                for (AzureDiagnostics r : refused) {
                    // id_s is https://<vault>/secrets/<name>[/<version>]: the name follows "/secrets/"
                    String[] path = r.id_s().substring(r.id_s().indexOf("/secrets/") + "/secrets/".length()).split("/");
                    secrets.add(path[0]);
                }
                alerts.add(new Alert(windowStart, windowStart.plus(WINDOW), (String) key.get(1), (String) key.get(2),
                        List.copyOf(secrets), refused.size()));
            }
        });
        return alerts;
        // END EVALUATE_RULE
