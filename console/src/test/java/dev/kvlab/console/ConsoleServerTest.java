package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.runtime.LabException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's HTTP side without a browser: loopback only, post/redirect/get, escaping, one-line errors. */
class ConsoleServerTest {
    static LabFixture lab;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        lab = LabFixture.of("solutions");
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertEquals("127.0.0.1", lab.server.url().getHost());
    }

    @Test
    void aPortInUseIsOneLineSayingWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            LabException e = assertThrows(LabException.class, () -> ConsoleServer.start(taken.getLocalPort(), lab.console));
            assertEquals("port " + taken.getLocalPort() + " is already in use. Stop the program using it or pick another: "
                    + "./jbang console --port " + (taken.getLocalPort() + 1), e.getMessage());
        }
    }

    @Test
    void anActionRedirectsToThePageShowingItsResult() throws Exception {
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(lab.url() + "run/list"))
                .header("Origin", origin()).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(303, posted.statusCode());
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertTrue(location.matches("/\\?exercise=list&result=\\d+#results"), location);

        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(lab.url() + location.substring(1))).build());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Listed 2 secret(s) without reading a value."));
        assertEquals("default-src 'self'; frame-ancestors 'none'; form-action 'self'",
                page.headers().firstValue("Content-Security-Policy").orElseThrow());
    }

    @Test
    void unknownExercisesAndPathsAreNotFound() throws Exception {
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(lab.url() + "run/nope"))
                .header("Origin", origin()).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(lab.url() + "?exercise=nope")).build()).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(lab.url() + "docs/..%2Fpom.xml")).build()).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(lab.url() + "secrets")).build()).statusCode());
        // a GET never runs an action
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(lab.url() + "run/rotate")).build()).statusCode());
    }

    @Test
    void thePageEscapesEverythingItShows() {
        Outcome outcome = Outcome.failed("<b>title</b>", Outcome.Status.FAILED, "<script>alert(1)</script>", "a & b",
                List.of("\"quoted\" <i>"));
        Page.Shown shown = new Page.Shown("list", 2, "List <Secret>", "exercises/ListSecretProperties.java", "not-started",
                "not started", null, "<i>title</i>", null, "docs/list.md");
        String html = new Page().render(new Page.Model("<vault>", "exercises", "token\"><x", List.of(), shown, outcome, null));
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<b>title"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("a &amp; b"));
        assertTrue(html.contains("&lt;vault&gt;"));
        assertTrue(html.contains("List &lt;Secret&gt;"));
        assertFalse(html.contains("token\"><x"), html);
    }

    @Test
    void otherDocsPagesAreServedRenderedAndNothingElse() throws Exception {
        HttpResponse<String> setup = send(HttpRequest.newBuilder(URI.create(lab.url() + "docs/setup.md")).build());
        assertEquals(200, setup.statusCode());
        assertTrue(setup.body().contains("<h1>"), setup.body());
        for (String path : new String[] {"docs/../pom.xml", "docs/%2e%2e/pom.xml", "docs/ARCHITECTURE", "docs/nope.md", "docs/"}) {
            assertEquals(404, send(HttpRequest.newBuilder(URI.create(lab.url() + path)).build()).statusCode(), path);
        }
    }

    @Test
    void aHostileDocsPageShowsAsTextOnThePage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        java.nio.file.Path exercises = java.nio.file.Files.createDirectories(root.resolve("exercises"));
        java.nio.file.Path docs = java.nio.file.Files.createDirectories(root.resolve("docs"));
        java.nio.file.Files.writeString(docs.resolve("list.md"), "# Exercise 2: list\n\n<script>alert(1)</script>\n\n"
                + "[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n");
        try (LabFixture hostile = LabFixture.of(new LabFolder(root, exercises))) {
            String page = send(HttpRequest.newBuilder(URI.create(hostile.url() + "?exercise=list")).build()).body();
            assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
            assertFalse(page.contains("<script>alert"), page);
            assertFalse(page.contains("javascript:"), page);
            assertFalse(page.contains("<img"), page);
        }
    }

    @Test
    void resultsMaskAValueTheLearnerForgotToMask() {
        record Leaky(String name, String value) {}
        ResultView.Parts parts = ResultView.of("Secrets", List.of(new Leaky("openai-api-key", LabFixture.SEED_VALUES.get(0))));
        assertEquals(List.of("openai-api-key", "sk-proj-kvlab7Qm2Xv9..."), parts.tables().get(0).rows().get(0).cells());
    }

    @Test
    void theBadgeNamesTheVaultFromKeyVaultUrl() {
        assertEquals("kv-exercise-1a2b3c4d.vault.azure.net", LabConsole.badge("https://kv-exercise-1a2b3c4d.vault.azure.net/"));
        assertEquals("kvlab.localhost:8443 (local vault, KEY_VAULT_URL)", LabConsole.badge("https://kvlab.localhost:8443/"));
        assertTrue(LabConsole.localBadge(lab.vault.url()).startsWith("local vault kvlab (embedded, kvlab.localhost:"));
    }

    private static String origin() {
        return "http://127.0.0.1:" + lab.server.url().getPort();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
