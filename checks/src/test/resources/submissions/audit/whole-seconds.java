// expect: fail counts each refusal in the 5-minute window
// message: missed the alert for caller
// window arithmetic in whole seconds: the evaluation start's fraction of a second is dropped, so reads just before an edge move over it
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
                    long window = (r.TimeGenerated().getEpochSecond() - evaluationStart.getEpochSecond()) / WINDOW.toSeconds();
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
