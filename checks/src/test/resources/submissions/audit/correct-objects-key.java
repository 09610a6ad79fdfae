// expect: pass
// groups on a record key with Objects.hash-free equality (a record), the reader through a stream with an index
// BEGIN READ_EXPORT
        return java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> !lines.get(i).isBlank())
                .mapToObj(i -> {
                    JsonNode row;
                    try {
                        row = JSON.readTree(lines.get(i));
                    } catch (JsonProcessingException e) {
                        throw new IllegalArgumentException("cannot read line " + (i + 1) + " of the export", e);
                    }
                    if (!row.isObject()) {
                        throw new IllegalArgumentException("line " + (i + 1) + " is " + row.getNodeType() + ", not a record");
                    }
                    Function<String, String> s = c -> row.hasNonNull(c) ? row.get(c).textValue() : null;
                    return new AzureDiagnostics(Instant.parse(s.apply("TimeGenerated")), s.apply("OperationName"),
                            s.apply("ResultSignature"), s.apply("ResultType"), row.get("httpStatusCode_d").doubleValue(),
                            s.apply("CallerIPAddress"), s.apply("identity_claim_oid_g"), s.apply("id_s"),
                            s.apply("requestUri_s"));
                })
                .collect(Collectors.toList());
// END READ_EXPORT
// BEGIN EVALUATE_RULE
        record Caller(long window, String oid, String ip) {}
        Map<Caller, Integer> counts = new LinkedHashMap<>();
        Map<Caller, TreeSet<String>> tried = new LinkedHashMap<>();
        long width = WINDOW.toNanos();
        for (AzureDiagnostics r : records) {
            long since = Duration.between(evaluationStart, r.TimeGenerated()).toNanos();
            if (since < 0 || !Objects.equals(r.OperationName(), "SecretGet")
                    || !Set.of("Unauthorized", "Forbidden").contains(r.ResultSignature())) {
                continue;
            }
            Caller c = new Caller(since / width, r.identity_claim_oid_g(), r.CallerIPAddress());
            counts.merge(c, 1, Integer::sum);
            tried.computeIfAbsent(c, x -> new TreeSet<>()).add(r.id_s().split("/secrets/")[1].split("/")[0]);
        }
        List<Alert> alerts = new ArrayList<>();
        counts.forEach((c, n) -> {
            if (n > THRESHOLD) {
                Instant from = evaluationStart.plusNanos(c.window() * width);
                alerts.add(new Alert(from, from.plus(WINDOW), c.oid(), c.ip(), List.copyOf(tried.get(c)), n));
            }
        });
        return alerts;
// END EVALUATE_RULE
