// expect: pass
// refused by status code (401, 403) instead of the signature, names from requestUri_s, windows found by stepping
// BEGIN EVALUATE_RULE
        Map<String, List<AzureDiagnostics>> byKey = new TreeMap<>();
        Map<String, Instant> startOf = new LinkedHashMap<>();
        for (AzureDiagnostics r : records) {
            int status = (int) r.httpStatusCode_d();
            if (!r.OperationName().equals("SecretGet") || (status != 401 && status != 403)
                    || r.TimeGenerated().isBefore(evaluationStart)) {
                continue;
            }
            Instant from = evaluationStart;
            while (!r.TimeGenerated().isBefore(from.plus(WINDOW))) {
                from = from.plus(WINDOW);
            }
            String key = from + "|" + r.identity_claim_oid_g() + "|" + r.CallerIPAddress();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            startOf.put(key, from);
        }
        List<Alert> alerts = new ArrayList<>();
        for (var e : byKey.entrySet()) {
            List<AzureDiagnostics> refused = e.getValue();
            if (refused.size() <= THRESHOLD) {
                continue;
            }
            TreeSet<String> names = new TreeSet<>();
            for (AzureDiagnostics r : refused) {
                String path = java.net.URI.create(r.requestUri_s()).getPath(); // /secrets/<name>/[<version>]
                names.add(path.split("/")[2]);
            }
            AzureDiagnostics first = refused.get(0);
            Instant from = startOf.get(e.getKey());
            alerts.add(new Alert(from, from.plus(WINDOW), first.identity_claim_oid_g(), first.CallerIPAddress(),
                    new ArrayList<>(names), refused.size()));
        }
        java.util.Collections.reverse(alerts); // any order will do
        return alerts;
// END EVALUATE_RULE
