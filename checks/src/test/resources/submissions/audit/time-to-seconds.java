// expect: fail reads every record of the vault's export
// message: has TimeGenerated =
// parses TimeGenerated to whole seconds: the fraction that decides a window's edge is lost
        // BEGIN READ_EXPORT
        List<AzureDiagnostics> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode parsed;
            try {
                parsed = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                parsed = null;
            }
            if (parsed == null || !parsed.isObject()) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the export is not a JSON object");
            }
            JsonNode row = parsed;
            // a column the record does not have is absent from its line (a 401 carries no identity): null
            Function<String, String> column = name -> row.hasNonNull(name) ? row.get(name).asText()
                    : null;
            records.add(new AzureDiagnostics(Instant.parse(row.path("TimeGenerated").asText()).truncatedTo(ChronoUnit.SECONDS),
                    column.apply("OperationName"), column.apply("ResultSignature"), column.apply("ResultType"),
                    row.path("httpStatusCode_d").asDouble(), column.apply("CallerIPAddress"),
                    column.apply("identity_claim_oid_g"), column.apply("id_s"), column.apply("requestUri_s")));
        }
        return records;
        // END READ_EXPORT
