// expect: pass
// reads with an index of its own and has()/isNull(); the rule with millisecond-free arithmetic on Duration.dividedBy
// BEGIN READ_EXPORT
        List<AzureDiagnostics> out = new ArrayList<>();
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.strip().isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("export line " + number + ": " + e.getOriginalMessage());
            }
            if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode)) {
                throw new IllegalArgumentException("export line " + number + " holds no record");
            }
            String[] text = new String[7];
            String[] names = {"OperationName", "ResultSignature", "ResultType", "CallerIPAddress",
                    "identity_claim_oid_g", "id_s", "requestUri_s"};
            for (int c = 0; c < names.length; c++) {
                JsonNode v = node.get(names[c]);
                text[c] = v == null || v.isNull() ? null : v.asText();
            }
            out.add(new AzureDiagnostics(Instant.parse(node.get("TimeGenerated").asText()), text[0], text[1], text[2],
                    node.get("httpStatusCode_d").asDouble(), text[3], text[4], text[5], text[6]));
        }
        return out;
// END READ_EXPORT
// BEGIN EVALUATE_RULE
        Map<String, Alert> alerts = new LinkedHashMap<>();
        for (AzureDiagnostics r : records) {
            boolean refused = "SecretGet".equals(r.OperationName())
                    && ("Unauthorized".equals(r.ResultSignature()) || "Forbidden".equals(r.ResultSignature()));
            if (!refused || r.TimeGenerated().compareTo(evaluationStart) < 0) {
                continue;
            }
            long k = Duration.between(evaluationStart, r.TimeGenerated()).dividedBy(WINDOW);
            Instant from = evaluationStart.plus(WINDOW.multipliedBy(k));
            String name = r.id_s().substring(r.id_s().indexOf("/secrets/") + 9).split("/")[0];
            String key = k + " " + r.identity_claim_oid_g() + " " + r.CallerIPAddress();
            Alert before = alerts.get(key);
            TreeSet<String> names = new TreeSet<>(before == null ? List.of() : before.secrets());
            names.add(name);
            alerts.put(key, new Alert(from, from.plus(WINDOW), r.identity_claim_oid_g(), r.CallerIPAddress(),
                    List.copyOf(names), before == null ? 1 : before.count() + 1));
        }
        return alerts.values().stream().filter(a -> a.count() > THRESHOLD).collect(Collectors.toList());
// END EVALUATE_RULE
