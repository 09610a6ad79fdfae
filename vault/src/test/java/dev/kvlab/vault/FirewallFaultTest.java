package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The firewall fault answers as Azure's vault firewall does, so a lesson can show that refusal from the SDK. */
class FirewallFaultTest {

    @Test
    void theFirewallRefusesWithAzuresCodeInnerCodeAndWording() {
        try (LocalVault vault = LocalVault.start()) {
            vault.faults().failNext(1, Faults.FIREWALL, "SecretGet");
            SecretClient client = LoopbackClients.secretClient(vault, vault.url(), LocalAuthority.LAB_USER);
            HttpResponseException e = assertThrows(HttpResponseException.class,
                    () -> client.getSecret("openai-api-key"));
            assertEquals(403, e.getResponse().getStatusCode());
            @SuppressWarnings("unchecked")
            Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("error");
            assertEquals("Forbidden", error.get("code"));
            assertEquals(Map.of("code", "ForbiddenByFirewall"), error.get("innererror"));
            assertTrue(((String) error.get("message")).startsWith(
                    "Client address is not authorized and caller is not a trusted service."), error.toString());
            assertEquals("Forbidden", vault.auditLog().toAzureDiagnostics().get(vault.auditLog().events().size() - 1)
                    .resultSignature());
            assertTrue(client.getSecret("openai-api-key").getValue().startsWith("sk-proj"), "one refusal only");
        }
    }

    @Test
    void aStandingFirewallRuleRefusesEveryMatchingOperationUntilCleared() throws Exception {
        VaultService service = VaultService.builder().build();
        ServiceCalls calls = new ServiceCalls(service);
        service.faults().firewall("*");
        for (String path : new String[] {"/secrets", "/secrets/openai-api-key/", "/deletedsecrets"}) {
            ServiceCalls.Response r = calls.get(path);
            assertEquals(403, r.status(), path);
            assertEquals("ForbiddenByFirewall", r.innerCode());
        }
        JsonNode unauthenticated = calls.as(new Caller.Anonymous()).get("/secrets").json();
        assertEquals("Unauthorized", unauthenticated.path("error").path("code").asText(),
                "the challenge handshake still completes");
        service.faults().clear();
        assertEquals(200, calls.get("/secrets").status());
    }
}
