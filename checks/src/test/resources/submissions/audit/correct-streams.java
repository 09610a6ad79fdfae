// expect: pass
// BEGIN EVALUATE_RULE
        // grouped with streams: window index and caller as the key, counted and named per group
        record Group(long window, String oid, String ip) {}
        Map<Group, List<AzureDiagnostics>> groups = records.stream()
                .filter(r -> r.OperationName().equals("SecretGet"))
                .filter(r -> List.of("Unauthorized", "Forbidden").contains(r.ResultSignature()))
                .filter(r -> r.TimeGenerated().compareTo(evaluationStart) >= 0)
                .collect(Collectors.groupingBy(r -> new Group(
                        Duration.between(evaluationStart, r.TimeGenerated()).dividedBy(WINDOW), r.identity_claim_oid_g(),
                        r.CallerIPAddress())));
        return groups.entrySet().stream()
                .filter(e -> e.getValue().size() > THRESHOLD)
                .map(e -> {
                    Instant from = evaluationStart.plus(WINDOW.multipliedBy(e.getKey().window()));
                    List<String> names = e.getValue().stream()
                            .map(r -> r.id_s().replaceFirst("^.*/secrets/([^/]+).*$", "$1"))
                            .distinct().sorted().toList();
                    return new Alert(from, from.plus(WINDOW), e.getKey().oid(), e.getKey().ip(), names, e.getValue().size());
                })
                .toList();
// END EVALUATE_RULE
