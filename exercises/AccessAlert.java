///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.kvlab:kvlab-runtime:0.1.0
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
//DESCRIPTION Exercise 11: the unauthorized-access alert, evaluated over the vault's audit log (instructions: docs/audit.md)

package dev.kvlab.exercises;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.LabException;
import dev.kvlab.runtime.Table;
import dev.kvlab.vault.LocalVault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Exercise 11: the course's scheduled query rule ("SecretGet refused as Unauthorized or Forbidden, every 5 minutes
 * over the last 5 minutes, alert when the count is above 0"), evaluated over Key Vault's AuditEvent records as Azure
 * Monitor's {@code AzureDiagnostics} table holds them.
 */
public class AccessAlert {

    /** The rule's window and evaluation frequency ({@code --window-size 5m --evaluation-frequency 5m}). */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    /** The rule fires when a window's count is above this ({@code count ... > 0}). */
    public static final int THRESHOLD = 0;
    /** Reads the export's JSON lines: one object per line, Azure's column names as keys. */
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One row of the {@code AzureDiagnostics} table: the columns of a Key Vault AuditEvent record the rule reads,
     * named exactly as in the workspace (a {@code _d} column is a number, a {@code _g} a GUID, a {@code _s} a string).
     * A column the record does not have is null.
     */
    public record AzureDiagnostics(Instant TimeGenerated, String OperationName, String ResultSignature,
                                   String ResultType, double httpStatusCode_d, String CallerIPAddress,
                                   String identity_claim_oid_g, String id_s, String requestUri_s) {
    }

    /**
     * One alert the rule fires: in the window from {@code windowStart} (included) to {@code windowEnd} (excluded,
     * the evaluation time) the caller (object id, null when it carried no valid token, and IP address) was refused
     * {@code count} reads of the {@code secrets} named (distinct names).
     */
    public record Alert(Instant windowStart, Instant windowEnd, String callerOid, String callerIp,
                        List<String> secrets, int count) {
    }

    /**
     * Task 1 (docs/audit.md): the records of an export, one JSON object per line (as {@code ./jbang vault
     * --audit-log FILE} writes them), in order; blank lines are skipped, and a line that is not a JSON object is an
     * {@link IllegalArgumentException} naming its line number (counted from 1).
     */
    public static List<AzureDiagnostics> readExport(List<String> lines) {
        // BEGIN READ_EXPORT
        throw new UnsupportedOperationException("AccessAlert: fill in region READ_EXPORT in exercises/AccessAlert.java (see docs/audit.md), then run ./jbang check audit");
        // END READ_EXPORT
    }

    /**
     * Tasks 2-4 (docs/audit.md): the alerts the rule fires over {@code records} when its first window starts at
     * {@code evaluationStart}: it evaluates at {@code evaluationStart + 5 min}, {@code + 10 min}, ..., each time over
     * the 5 minutes before; one alert per window and caller whose count of refused {@code SecretGet} calls is above
     * {@link #THRESHOLD}, in any order.
     */
    public static List<Alert> evaluateRule(List<AzureDiagnostics> records, Instant evaluationStart) {
        // BEGIN EVALUATE_RULE
        throw new UnsupportedOperationException("AccessAlert: fill in region EVALUATE_RULE in exercises/AccessAlert.java (see docs/audit.md), then run ./jbang check audit");
        // END EVALUATE_RULE
    }

    /**
     * The embedded local vault's audit log after a few refused reads: a principal with no role, the Key Vault
     * Reader (metadata only) and an app reading a secret that does not exist (a 404 is no alert).
     */
    public static List<String> localDemoExport() {
        LocalVault vault = Lab.localVault();
        try {
            Lab.client(vault, "contractor-laptop").listPropertiesOfSecrets().stream().count();
        } catch (HttpResponseException refused) {
            // 403 on SecretList: refused, but not a read of a secret
        }
        for (String principal : List.of("contractor-laptop", "reader", "app")) {
            SecretClient client = Lab.client(vault, principal);
            for (String name : List.of("openai-api-key", "cosmosdb-connection-string", "no-such-secret")) {
                try {
                    client.getSecret(name);
                } catch (HttpResponseException refused) {
                    // refused or not found: the audit log records it, which is the point
                }
            }
        }
        return vault.auditLog().toAzureDiagnosticsJsonLines().lines().toList();
    }

    public static void main(String[] args) {
        Lab.run(args, () -> {
            List<String> files = List.of(args).stream().filter(a -> !a.startsWith("--")).toList();
            List<String> lines;
            if (!files.isEmpty()) {
                Path file = Path.of(files.get(0));
                try {
                    lines = Files.readAllLines(file);
                } catch (IOException e) {
                    throw new LabException("cannot read " + file + " (" + e.getClass().getSimpleName() + "): give the "
                            + "JSON lines file ./jbang vault --audit-log FILE writes");
                }
            } else if (System.getenv("KEY_VAULT_URL") != null) {
                throw new LabException("with KEY_VAULT_URL set, give the audit export to evaluate: ./jbang audit FILE "
                        + "(./jbang vault --audit-log FILE writes one; docs/audit.md shows how to export a workspace's)");
            } else {
                lines = localDemoExport();
            }
            List<AzureDiagnostics> records = readExport(lines);
            if (records.isEmpty()) {
                System.out.println("The export holds no records.");
                return;
            }
            // evaluated as if the rule had been created at the first record's minute
            Instant start = records.stream().map(AzureDiagnostics::TimeGenerated).min(Comparator.naturalOrder())
                    .orElseThrow().truncatedTo(ChronoUnit.MINUTES);
            List<Alert> alerts = new ArrayList<>(evaluateRule(records, start));
            alerts.sort(Comparator.comparing(Alert::windowStart)
                    .thenComparing(Alert::callerOid, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Alert::callerIp, Comparator.nullsFirst(Comparator.naturalOrder())));
            System.out.println(records.size() + " audit record(s), rule evaluated every " + WINDOW.toMinutes()
                    + " minutes from " + start);
            Table.of(Alert.class, alerts).print();
            System.out.println(alerts.size() + " alert(s)");
        });
    }
}
