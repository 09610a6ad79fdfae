package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No other web page can drive the console: requests under another host name (DNS rebinding) are misdirected, and a
 * POST that does not come from the console's own page (cross-site Origin, cross-site fetch metadata, no or a wrong
 * token) changes nothing in the vault. Raw HTTP, as a hostile page or tool sends it.
 */
class ConsoleCrossSiteTest {
    static final String ROTATED = LabConsole.ROTATED_SECRET;
    static LabFixture lab;
    static int port;
    static String self;

    @BeforeAll
    static void start() {
        lab = LabFixture.of("solutions");
        port = lab.server.url().getPort();
        self = "127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    @BeforeEach
    void freshVault() {
        lab.vault.reset();
    }

    @Test
    void theConsoleAnswersOnlyUnderItsOwnNames() {
        for (String host : new String[] {self, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port}) {
            assertEquals(200, RawHttp.get(port, host, "/").status(), host);
        }
        // a rebinding attacker's name for 127.0.0.1, the right name on another port, no port, and no Host at all
        for (String host : new String[] {"evil.example:" + port, "evil.example", "127.0.0.1", "127.0.0.1:1", "localhost.evil.example:" + port}) {
            RawHttp.Reply reply = RawHttp.get(port, host, "/");
            assertEquals(421, reply.status(), host);
            assertTrue(reply.body().startsWith("This is the lab console: it answers only at http://127.0.0.1:" + port + "/"), reply.body());
            assertFalse(reply.body().contains("<"), "a refusal is one line of text, not the page");
        }
        assertEquals(421, RawHttp.send(port, "GET / HTTP/1.1\r\n\r\n").status());
        assertEquals(421, RawHttp.get(port, "evil.example:" + port, "/console.js").status());
    }

    @Test
    void aCrossSiteFormPostCreatesNoVersion() {
        int before = versions();
        String[][] foreign = {
                {"Origin: http://evil.example\r\n", "another web page (http://evil.example)"},
                {"Origin: null\r\n", "another web page (null)"},                      // sandboxed frame, file, redirect
                {"Origin: http://localhost:" + (port + 1) + "\r\n", "another web page"},  // another local app
                {"Origin: https://127.0.0.1:" + port + "\r\n", "another web page"},
                {"Sec-Fetch-Site: cross-site\r\n", "Sec-Fetch-Site: cross-site"},
                {"Sec-Fetch-Site: same-site\r\n", "Sec-Fetch-Site: same-site"},       // localhost on another port is "same-site"
                {"", "no valid console token"},
                {"Origin: http://evil.example\r\nSec-Fetch-Site: same-origin\r\n", "another web page"},
        };
        for (String[] attempt : foreign) {
            RawHttp.Reply reply = RawHttp.post(port, self, "/run/rotate", attempt[0], "token=" + (attempt[0].isEmpty() ? "guess" : token()));
            assertEquals(403, reply.status(), attempt[0]);
            assertTrue(reply.body().startsWith("Refused: ") && reply.body().contains(attempt[1]), reply.body());
            assertEquals(null, reply.header("Location"));
        }
        assertEquals(403, RawHttp.post(port, self, "/check/rotate", "Origin: http://evil.example\r\n", "").status());
        assertEquals(before, versions(), "no refused post created a version");
    }

    @Test
    void aPostUnderAnotherHostIsMisdirectedEvenWithTheToken() {
        int before = versions();
        RawHttp.Reply reply = RawHttp.post(port, "evil.example:" + port, "/run/rotate",
                "Origin: http://evil.example:" + port + "\r\n", "token=" + token());
        assertEquals(421, reply.status());
        assertEquals(before, versions());
    }

    @Test
    void theConsolesOwnPageMayPost() {
        int before = versions();
        // a browser's form post from the page: same-origin Origin (and fetch metadata)
        RawHttp.Reply fromPage = RawHttp.post(port, self, "/run/rotate",
                "Origin: http://" + self + "\r\nSec-Fetch-Site: same-origin\r\n", "token=" + token());
        assertEquals(303, fromPage.status(), fromPage.text());
        assertTrue(fromPage.header("Location").startsWith("/?exercise=rotate&result="), fromPage.header("Location"));
        // under localhost, as a learner may open it
        assertEquals(303, RawHttp.post(port, "localhost:" + port, "/run/rotate", "Origin: http://localhost:" + port + "\r\n", "").status());
        // a client that sends neither Origin nor fetch metadata, with the page's token
        assertEquals(303, RawHttp.post(port, self, "/run/rotate", "", "token=" + token()).status());
        assertEquals(before + 3, versions());
    }

    @Test
    void oversizedChunkedAndMalformedRequestsAreRefusedInOneLine() {
        RawHttp.Reply big = RawHttp.send(port, "POST /run/list HTTP/1.1\r\nHost: " + self + "\r\nContent-Length: 100000000\r\n\r\n");
        assertEquals(413, big.status());
        RawHttp.Reply chunked = RawHttp.send(port, "POST /run/list HTTP/1.1\r\nHost: " + self
                + "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertEquals(411, chunked.status());
        assertEquals(400, RawHttp.send(port, "GET / HTTP/1.1\r\nHost: " + self + "\r\nHost: evil.example\r\n\r\n").status());
        assertEquals(400, RawHttp.send(port, "hello\r\n\r\n").status());
        assertEquals(400, RawHttp.send(port, "GET http://evil.example/ HTTP/1.1\r\nHost: " + self + "\r\n\r\n").status());
        assertEquals(431, RawHttp.send(port, "GET / HTTP/1.1\r\nHost: " + self + "\r\nX: " + "a".repeat(20_000) + "\r\n\r\n").status());
        assertEquals(200, RawHttp.get(port, self, "/").status(), "and the console still serves its page");
    }

    /** The session token, as the console's page carries it in every form. */
    static String token() {
        String page = RawHttp.get(port, self, "/").body();
        Matcher m = Pattern.compile("name=\"token\" value=\"([A-Za-z0-9_-]{40,})\"").matcher(page);
        assertTrue(m.find(), "the page's forms carry the token");
        String token = m.group(1);
        assertNotNull(token);
        return token;
    }

    static int versions() {
        int n = 0;
        for (var ignored : lab.client.listPropertiesOfSecretVersions(ROTATED)) {
            n++;
        }
        return n;
    }
}
