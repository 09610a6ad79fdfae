// expect: fail counts each refusal in the 5-minute window
// message: not one of the rule's windows
// a sliding window opened by each caller's first refused read instead of the rule's fixed evaluations
        // BEGIN EVALUATE_RULE
        List<AzureDiagnostics> refused = records.stream()
                .filter(r -> "SecretGet".equals(r.OperationName()))
                .filter(r -> "Unauthorized".equals(r.ResultSignature()) || "Forbidden".equals(r.ResultSignature()))
                .filter(r -> !r.TimeGenerated().isBefore(evaluationStart))
                .sorted(Comparator.comparing(AzureDiagnostics::TimeGenerated)).toList();
        List<Alert> alerts = new ArrayList<>();
        Map<String, Instant> open = new LinkedHashMap<>();
        for (AzureDiagnostics first : refused) {
            String caller = first.identity_claim_oid_g() + "@" + first.CallerIPAddress();
            Instant from = first.TimeGenerated();
            if (open.containsKey(caller) && from.isBefore(open.get(caller).plus(WINDOW))) {
                continue; // inside the caller's open window
            }
            open.put(caller, from);
            List<AzureDiagnostics> in = refused.stream()
                    .filter(r -> Objects.equals(r.identity_claim_oid_g(), first.identity_claim_oid_g())
                            && Objects.equals(r.CallerIPAddress(), first.CallerIPAddress()))
                    .filter(r -> !r.TimeGenerated().isBefore(from) && r.TimeGenerated().isBefore(from.plus(WINDOW)))
                    .toList();
            TreeSet<String> names = new TreeSet<>();
            in.forEach(r -> names.add(r.id_s().replaceFirst("^.*/secrets/([^/]+).*$", "$1")));
            alerts.add(new Alert(from, from.plus(WINDOW), first.identity_claim_oid_g(), first.CallerIPAddress(),
                    List.copyOf(names), in.size()));
        }
        return alerts;
        // END EVALUATE_RULE
