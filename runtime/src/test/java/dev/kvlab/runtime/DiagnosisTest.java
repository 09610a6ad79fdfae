package dev.kvlab.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.UrlBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.kvlab.vault.LocalVault;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The one-line messages, produced from real errors of a local vault. */
class DiagnosisTest {
    static final RetryOptions NO_RETRY = new RetryOptions(new FixedDelayOptions(0, Duration.ZERO));
    static LocalVault vault;

    @BeforeAll
    static void start() {
        vault = LocalVault.start();
    }

    @AfterAll
    static void stop() {
        vault.close();
    }

    @Test
    void anUntouchedRegionIsReportedInTheStubsOwnWords() {
        String stub = "RetrieveSecrets: fill in region RETRIEVE_SECRETS in exercises/RetrieveSecrets.java (see docs/retrieve.md), "
                + "then run ./jbang check retrieve";
        RuntimeException wrapped = new RuntimeException("while running", new UnsupportedOperationException(stub));
        assertEquals(stub, Diagnosis.of(wrapped, null));
        assertEquals(stub, Diagnosis.unfilledRegion(wrapped).orElseThrow());
        assertTrue(Diagnosis.unfilledRegion(new UnsupportedOperationException("not supported")).isEmpty());
    }

    @Test
    void aMissingSecretNamesTheCodeAndTheSeededNames() {
        HttpResponseException e = assertThrows(HttpResponseException.class, () -> Lab.client(vault).getSecret("no-such-secret"));
        assertEquals(404, ServiceError.of(e).status());
        assertEquals("SecretNotFound", ServiceError.of(e).code());
        String line = Diagnosis.of(e, vault.url());
        assertTrue(line.startsWith("Error: not found on kvlab.localhost:" + vault.port() + " (404 SecretNotFound"), line);
        assertTrue(line.contains("openai-api-key and cosmosdb-connection-string"), line);
    }

    @Test
    void aRefusedTokenFromTheLocalVaultSaysToRestartIt() {
        SecretClient client = Lab.builder(vault, Lab.LAB_USER).credential(forged()).retryOptions(NO_RETRY).buildClient();
        HttpResponseException e = assertThrows(HttpResponseException.class, () -> client.getSecret("openai-api-key"));
        assertEquals("Unauthorized", ServiceError.of(e).code());
        String line = Diagnosis.of(e, vault.url());
        assertTrue(line.startsWith("Error: kvlab.localhost:" + vault.port() + " refused the token (401 Unauthorized"), line);
    }

    @Test
    void aRealVaultsRefusedSignInSaysRunAzLogin() {
        SecretClient client = disguisedAsAzure(forged());
        HttpResponseException e = assertThrows(HttpResponseException.class, () -> client.getSecret("openai-api-key"));
        String line = Diagnosis.of(e, null);
        assertEquals("Error: kv-exercise-0123abcd.vault.azure.net refused your sign-in (401 Unauthorized). Run az login with "
                + "the account that holds the vault's role, then try again.", line);
    }

    @Test
    void aPrincipalWithoutADataPlaneRoleIsForbiddenByRbac() {
        HttpResponseException e = assertThrows(HttpResponseException.class,
                () -> Lab.client(vault, "contributor").getSecret("openai-api-key"));
        ServiceError error = ServiceError.of(e);
        assertEquals(403, error.status());
        assertEquals("Forbidden", error.code());
        assertEquals("ForbiddenByRbac", error.innerCode());
        String line = Diagnosis.of(e, vault.url());
        assertTrue(line.startsWith("Error: the caller has no role on kvlab.localhost:" + vault.port()
                + " that allows this (403 Forbidden/ForbiddenByRbac: "), line);
    }

    @Test
    void aRealVaultsForbiddenByRbacNamesTheRoleAndTheSetupOption() {
        SecretClient client = disguisedAsAzure(new LocalVaultCredential(vault, "contributor"));
        HttpResponseException e = assertThrows(HttpResponseException.class, () -> client.getSecret("openai-api-key"));
        assertEquals("Error: your account has no role on kv-exercise-0123abcd.vault.azure.net that allows this (403 "
                + "Forbidden/ForbiddenByRbac). Assign Key Vault Secrets Officer with: bash setup/azdeploy.sh role (a new "
                + "assignment takes a few minutes).", Diagnosis.of(e, null));
    }

    @Test
    void throttlingThatOutlastsTheRetriesSaysWaitAndCache() {
        vault.faults().failNext(1, 429, "SecretGet");
        SecretClient client = Lab.builder(vault, Lab.LAB_USER).retryOptions(NO_RETRY).buildClient();
        HttpResponseException e = assertThrows(HttpResponseException.class, () -> client.getSecret("openai-api-key"));
        assertEquals(429, ServiceError.of(e).status());
        String line = Diagnosis.of(e, vault.url());
        assertTrue(line.startsWith("Error: kvlab.localhost:" + vault.port() + " is throttling requests (429 "), line);
        assertTrue(line.endsWith("exercise 4 (./jbang cache) shows how caching saves calls."), line);
    }

    @Test
    void nothingListeningSaysWhatToStart() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        java.net.URI url = java.net.URI.create("https://kvlab.localhost:" + port);
        SecretClient client = Lab.builder(vault, url, Lab.LAB_USER).retryOptions(NO_RETRY).buildClient();
        Exception e = assertThrows(Exception.class, () -> client.getSecret("openai-api-key"));
        String line = Diagnosis.of(e, url);
        assertTrue(line.startsWith("Error: nothing answers at kvlab.localhost:" + port + ". Start the local vault again"), line);
    }

    @Test
    void anUntrustedCertificateSaysWhichCaToTrust(@TempDir Path data) {
        // a vault with a data folder has a CA of its own, which the shared one does not vouch for
        try (LocalVault other = LocalVault.builder().dataDir(data).start()) {
            SecretClient client = new SecretClientBuilder().vaultUrl(other.url().toString())
                    .credential(new LocalVaultCredential(other, Lab.LAB_USER))
                    .httpClient(LoopbackTransport.httpClient(vault.caCertificatePem()))
                    .retryOptions(NO_RETRY).buildClient();
            Exception e = assertThrows(Exception.class, () -> client.getSecret("openai-api-key"));
            String line = Diagnosis.of(e, other.url());
            assertTrue(line.startsWith("Error: the TLS handshake with kvlab.localhost:" + other.port() + " failed ("), line);
            assertTrue(line.endsWith("Set KVLAB_CA_CERT to the CA certificate file the local vault printed (source its env file again)."), line);
        }
    }

    @Test
    void anythingElseIsOneLineWithTheVerboseHint() {
        String line = Diagnosis.of(new IllegalStateException("first line\n\tsecond line"), null);
        assertEquals("Error: IllegalStateException: first line (run again with --verbose for the details)", line);
    }

    @Test
    void labExceptionsAreAlreadyTheWholeSentence() {
        assertEquals("Error: KEY_VAULT_URL is wrong.", Diagnosis.of(new LabException("KEY_VAULT_URL is wrong."), null));
    }

    @Test
    void everyLineIsOneLine() {
        HttpResponseException e = assertThrows(HttpResponseException.class, () -> Lab.client(vault).getSecret("no-such-secret"));
        assertFalse(Diagnosis.of(e, null).contains("\n"));
    }

    static TokenCredential forged() {
        return request -> Mono.just(new AccessToken("eyJhbGciOiJub25lIn0.eyJzdWIiOiJtZSJ9.", OffsetDateTime.now().plusHours(1)));
    }

    /**
     * A client that believes it talks to a vault in Azure while its requests go to the local vault: the errors are
     * the local vault's real ones, the request URL the failure is judged by is Azure's.
     */
    static SecretClient disguisedAsAzure(TokenCredential credential) {
        HttpClient loopback = LoopbackTransport.httpClient(vault.caCertificatePem());
        HttpClient disguise = request -> {
            HttpRequest local = request.copy();
            UrlBuilder url = UrlBuilder.parse(request.getUrl());
            url.setHost(vault.url().getHost()).setPort(vault.port());
            local.setUrl(url.toString());
            return loopback.send(local).map(response -> new AsSentTo(request, response));
        };
        return new SecretClientBuilder().vaultUrl("https://kv-exercise-0123abcd.vault.azure.net")
                .credential(credential).httpClient(disguise).disableChallengeResourceVerification()
                .retryOptions(NO_RETRY).buildClient();
    }

    /** A response handed back for the request as the SDK sent it. */
    static final class AsSentTo extends HttpResponse {
        private final HttpResponse response;

        AsSentTo(HttpRequest request, HttpResponse response) {
            super(request);
            this.response = response;
        }

        @Override public int getStatusCode() { return response.getStatusCode(); }
        @Override @Deprecated public String getHeaderValue(String name) { return response.getHeaderValue(name); }
        @Override public HttpHeaders getHeaders() { return response.getHeaders(); }
        @Override public Flux<ByteBuffer> getBody() { return response.getBody(); }
        @Override public Mono<byte[]> getBodyAsByteArray() { return response.getBodyAsByteArray(); }
        @Override public Mono<String> getBodyAsString() { return response.getBodyAsString(); }
        @Override public Mono<String> getBodyAsString(Charset charset) { return response.getBodyAsString(charset); }
    }
}
