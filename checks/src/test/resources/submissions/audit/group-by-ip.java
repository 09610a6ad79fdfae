// expect: fail fires one alert per caller
// message: one alert per caller, object id and IP address
// groups a window's refused reads by IP address only: every caller behind one address becomes one alert
        // BEGIN EVALUATE_RULE
        // one group per window and caller, in a stable order: window index, then caller
        Map<List<Object>, List<AzureDiagnostics>> groups = new LinkedHashMap<>();
        records.stream()
                .filter(r -> "SecretGet".equals(r.OperationName()))
                .filter(r -> "Unauthorized".equals(r.ResultSignature()) || "Forbidden".equals(r.ResultSignature()))
                .filter(r -> !r.TimeGenerated().isBefore(evaluationStart)) // the rule never looked before it
                .sorted(Comparator.comparing(AzureDiagnostics::TimeGenerated))
                .forEach(r -> {
                    // tumbling windows aligned to the evaluations: [start + k*5m, start + (k+1)*5m)
                    long window = Duration.between(evaluationStart, r.TimeGenerated()).toNanos() / WINDOW.toNanos();
                    groups.computeIfAbsent(Arrays.asList(window, r.CallerIPAddress()), k -> new ArrayList<>()).add(r);
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
                alerts.add(new Alert(windowStart, windowStart.plus(WINDOW), refused.get(0).identity_claim_oid_g(), (String) key.get(1),
                        List.copyOf(secrets), refused.size()));
            }
        });
        return alerts;
        // END EVALUATE_RULE
