package dev.kvlab.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.vault.secrets.SecretJson;
import java.time.Instant;
import java.util.Locale;

/**
 * One audit event in the shape Azure Monitor gives Key Vault's AuditEvent records in the {@code AzureDiagnostics}
 * table, so a query written against these records reads like the KQL on a real workspace
 * ({@code AzureDiagnostics | where OperationName == "SecretGet" and ResultSignature == "Unauthorized"}). The column
 * names are Azure's; {@link #toJsonLine()} writes them. Never a secret value. The mapping is in vault/README.md.
 *
 * @param timeGenerated   when the request arrived, on the vault's clock ({@code TimeGenerated})
 * @param resource        the vault name in upper case, as Azure writes it ({@code Resource})
 * @param operationName   e.g. {@code SecretGet} ({@code OperationName})
 * @param resultSignature the status name, e.g. {@code OK}, {@code Unauthorized}, {@code Forbidden}
 * @param resultType      {@code Success} below status 400, else {@code Failure} ({@code ResultType})
 * @param httpStatusCode  the HTTP status ({@code httpStatusCode_d})
 * @param callerIpAddress always {@code 127.0.0.1}: the vault listens on loopback only ({@code CallerIPAddress})
 * @param identityClaimOid the token's {@code oid} claim: the principal name here (a GUID on Azure), null when the
 *                        request carried no valid token ({@code identity_claim_oid_g})
 * @param id              the secret's id URL, null when the request named none ({@code id_s})
 * @param requestUri      the request URL ({@code requestUri_s})
 * @param durationMs      how long the vault took ({@code DurationMs})
 */
public record AzureDiagnosticsRecord(Instant timeGenerated, String resource, String operationName,
                                     String resultSignature, String resultType, int httpStatusCode,
                                     String callerIpAddress, String identityClaimOid, String id, String requestUri,
                                     long durationMs) {
    public static final String CATEGORY = "AuditEvent";
    public static final String RESOURCE_PROVIDER = "MICROSOFT.KEYVAULT";
    public static final String RESOURCE_TYPE = "VAULTS";
    /** A subscription and group that cannot exist on Azure, so a local record is never mistaken for a real one. */
    static final String RESOURCE_GROUP_PATH = "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/KVLAB-LOCAL";

    /** The record for one audit event. */
    public static AzureDiagnosticsRecord of(AuditEvent event) {
        String oid = event.caller() == null || event.caller().startsWith("(") ? null : event.caller();
        String uri = event.requestUri() == null ? null
                : event.requestUri().startsWith("https://") ? event.requestUri()
                : "https://" + event.vault() + ".localhost" + event.requestUri();
        return new AzureDiagnosticsRecord(event.time(), event.vault() == null ? null
                : event.vault().toUpperCase(Locale.ROOT), event.operation(), event.result(),
                event.status() < 400 ? "Success" : "Failure", event.status(), "127.0.0.1", oid, event.secretId(), uri,
                event.duration() == null ? 0 : event.duration().toMillis());
    }

    /** {@code ResourceId}: the vault as an Azure resource id, upper case like Azure's. */
    public String resourceId() {
        return RESOURCE_GROUP_PATH + "/PROVIDERS/" + RESOURCE_PROVIDER + "/" + RESOURCE_TYPE + "/" + resource;
    }

    /** This record as one JSON object on one line, with Azure's column names; absent values are left out. */
    public String toJsonLine() {
        ObjectNode row = SecretJson.MAPPER.createObjectNode();
        row.put("TimeGenerated", timeGenerated.toString());
        row.put("ResourceId", resourceId());
        row.put("Resource", resource);
        row.put("ResourceProvider", RESOURCE_PROVIDER);
        row.put("ResourceType", RESOURCE_TYPE);
        row.put("Category", CATEGORY);
        row.put("OperationName", operationName);
        row.put("ResultSignature", resultSignature);
        row.put("ResultType", resultType);
        row.put("httpStatusCode_d", httpStatusCode);
        row.put("CallerIPAddress", callerIpAddress);
        if (identityClaimOid != null) {
            row.put("identity_claim_oid_g", identityClaimOid);
        }
        if (id != null) {
            row.put("id_s", id);
        }
        if (requestUri != null) {
            row.put("requestUri_s", requestUri);
        }
        row.put("DurationMs", durationMs);
        try {
            return SecretJson.MAPPER.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
