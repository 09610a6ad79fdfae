package dev.kvlab.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Authentication answers (401 with the challenge) and Azure RBAC decisions (403 ForbiddenByRbac). */
class AuthorizationTest {
    final VaultService service = VaultService.builder().build();
    final ServiceCalls calls = new ServiceCalls(service);

    @Test
    void aRequestWithoutTokenGetsTheChallenge() {
        ServiceCalls.Response r = calls.as(new Caller.Anonymous()).get("/secrets/openai-api-key/");
        assertEquals(401, r.status());
        assertEquals("Unauthorized", r.code());
        assertEquals("Bearer authorization=\"" + LocalAuthority.AUTHORIZATION + "\", resource=\""
                + LocalAuthority.RESOURCE + "\"", r.header("WWW-Authenticate"));
        assertFalse(r.text().contains("sk-proj"));
    }

    @Test
    void theChallengeComesFirstEvenForBadRequests() {
        assertEquals(401, calls.as(new Caller.Anonymous()).api(null).get("/nowhere").status());
    }

    @Test
    void anExpiredTokenIsUnauthorizedAndSaysSo() {
        ServiceCalls.Response r = calls.as(new Caller.Rejected("TokenExpired")).get("/secrets/openai-api-key/");
        assertEquals(401, r.status());
        assertEquals("Unauthorized", r.code());
        assertTrue(r.message().contains("TokenExpired"));
        assertTrue(r.header("WWW-Authenticate").startsWith("Bearer authorization="));
        assertEquals(401, calls.as(new Caller.Rejected("InvalidSignature")).get("/secrets").status());
    }

    @Test
    void anExpiredTokenGetsAClaimsChallengeSoTheSdkFetchesANewOne() {
        String header = calls.as(new Caller.Rejected("TokenExpired")).get("/secrets").header("WWW-Authenticate");
        assertTrue(header.contains("error=\"insufficient_claims\""), header);
        String claims = header.replaceAll(".*claims=\"([^\"]+)\".*", "$1");
        String json = new String(java.util.Base64.getDecoder().decode(claims), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"access_token\":{\"nbf\":{\"essential\":true"), json);
        String forged = calls.as(new Caller.Rejected("InvalidSignature")).get("/secrets").header("WWW-Authenticate");
        assertFalse(forged.contains("claims"), "a forged token is not worth a retry");
    }

    /** Who may do what with the built-in principals, each with its role on the whole vault. */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "lab-user,    GET,    /secrets/openai-api-key/,            200",
            "lab-user,    GET,    /secrets,                            200",
            "lab-user,    DELETE, /secrets/openai-api-key,             200",
            "app,         GET,    /secrets/openai-api-key/,            200",
            "app,         GET,    /secrets,                            200",
            "app,         DELETE, /secrets/openai-api-key,             403",
            "app,         POST,   /secrets/openai-api-key/backup,      403",
            "reader,      GET,    /secrets,                            200",
            "reader,      GET,    /secrets/openai-api-key/versions,    200",
            "reader,      GET,    /secrets/openai-api-key/,            403",
            "reader,      GET,    /deletedsecrets,                     200",
            "purger,      GET,    /secrets/openai-api-key/,            403",
            "purger,      GET,    /secrets,                            403",
            "admin,       GET,    /secrets/openai-api-key/,            200",
            "admin,       DELETE, /secrets/openai-api-key,             200",
            "contributor, GET,    /secrets,                            403",
            "contributor, GET,    /secrets/openai-api-key/,            403",
            "stranger,    GET,    /secrets,                            403",
    })
    void builtInPrincipalsHaveTheirRoles(String principal, String method, String path, int status) {
        assertEquals(status, calls.as(principal).send(method, path, null).status());
    }

    @Test
    void aDenialNamesTheCallerTheActionAndTheMissingAssignment() {
        ServiceCalls.Response r = calls.as("reader").get("/secrets/openai-api-key/");
        assertEquals("Forbidden", r.code());
        assertEquals("ForbiddenByRbac", r.innerCode());
        assertTrue(r.message().contains("reader"));
        assertTrue(r.message().contains("Microsoft.KeyVault/vaults/secrets/getSecret/action"));
        assertTrue(r.message().contains("Assignment: (not found)"));
        assertFalse(r.text().contains("sk-proj"));
    }

    @Test
    void setNeedsSetSecretAndTheMessageSaysSo() {
        ServiceCalls.Response r = calls.as("app").put("/secrets/new-one", "{\"value\":\"x\"}");
        assertEquals(403, r.status());
        assertTrue(r.message().contains("Microsoft.KeyVault/vaults/secrets/setSecret/action"));
    }

    @Test
    void purgeOperatorPurgesButOfficerIsNeededToDelete() {
        calls.delete("/secrets/cosmosdb-connection-string");
        assertEquals(403, calls.as("purger").post("/deletedsecrets/cosmosdb-connection-string/recover", null).status());
        assertEquals(204, calls.as("purger").delete("/deletedsecrets/cosmosdb-connection-string").status());
    }

    @Test
    void aSecretScopedRoleReadsThatSecretOnlyAndCannotList() {
        service.roles().revokeAll("app");
        service.roles().assign("app", Role.SECRETS_USER, Scope.secret("kvlab", "openai-api-key"));
        ServiceCalls app = calls.as("app");
        assertEquals(200, app.get("/secrets/openai-api-key/").status());
        assertEquals(200, app.get("/secrets/OPENAI-API-KEY/").status());
        assertEquals(200, app.get("/secrets/openai-api-key/versions").status());
        assertEquals(403, app.get("/secrets/cosmosdb-connection-string/").status());
        // listing is an action on the vault: a role on one secret does not grant it (as on Azure)
        ServiceCalls.Response list = app.get("/secrets");
        assertEquals(403, list.status());
        assertTrue(list.message().contains("readMetadata"));
    }

    @Test
    void rolesApplyPerVault() {
        VaultService two = VaultService.builder().vaults(java.util.List.of("kvlab", "other")).build();
        two.roles().revokeAll("app");
        two.roles().assign("app", Role.SECRETS_USER, Scope.vault("other"));
        ServiceCalls app = new ServiceCalls(two).as("app");
        assertEquals(403, app.get("/secrets/openai-api-key/").status());
        assertEquals(404, app.vault("other").get("/secrets/openai-api-key/").status());
    }

    @Test
    void rolesGrantDataActionsLikeAzuresDefinitions() {
        assertTrue(Role.SECRETS_OFFICER.allows("Microsoft.KeyVault/vaults/deletedSecrets/delete"));
        assertTrue(Role.ADMINISTRATOR.allows("Microsoft.KeyVault/vaults/secrets/getSecret/action"));
        assertTrue(Role.READER.allows("Microsoft.KeyVault/vaults/deletedSecrets/read"));
        assertFalse(Role.READER.allows("Microsoft.KeyVault/vaults/secrets/getSecret/action"));
        assertFalse(Role.CONTRIBUTOR.allows("Microsoft.KeyVault/vaults/secrets/readMetadata/action"));
        assertFalse(Role.PURGE_OPERATOR.allows("Microsoft.KeyVault/vaults/deletedSecrets/read"));
    }
}
