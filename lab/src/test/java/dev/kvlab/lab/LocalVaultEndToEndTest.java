package dev.kvlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every exercise and solution alias run through {@code ./jbang} as a learner runs it on a fresh clone: no Azure
 * configuration, so against the embedded local vault.
 */
class LocalVaultEndToEndTest {
    static final Pattern VERSION = Pattern.compile("\\b[0-9a-f]{32}\\b");

    @AfterAll
    static void noRunPrintedASecret() {
        for (JBang.Run run : JBang.RUNS) {
            Leaks.assertNone(run);
        }
    }

    @ParameterizedTest(name = "./jbang {0} says which region to fill in")
    @CsvSource({
        "retrieve, RetrieveSecrets, RETRIEVE_SECRETS",
        "list,     ListSecretProperties, LIST_SECRETS",
        "rotate,   RotateSecret, ROTATE_SECRET",
        "cache,    CachedRetrieval, CACHED_RETRIEVAL",
        "versions, SecretVersions, LIST_VERSIONS",
        "lifecycle, SecretLifecycle, STORE_SECRET",
        "hygiene,  SecretHygiene, AUDIT_VAULT",
        "references, KeyVaultReferences, REFRESH",
        "settings, AppSettings, LOAD_SETTINGS",
        "flags,    FeatureFlags, READ_FLAGS",
        "refresh,  SentinelRefresh, REFRESH_IF_DUE",
        "access,   LeastPrivilege, PLAN_ROLES",
        "resilient, ResilientClient, RESILIENT_CLIENT",
        "audit,    AccessAlert, READ_EXPORT",
    })
    void anUntouchedExercisePrintsOneLineNamingItsRegion(String alias, String exercise, String region) {
        JBang.Run run = JBang.run(alias);
        Leaks.assertNone(run);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(List.of(exercise + ": fill in region " + region + " in exercises/" + exercise + ".java (see docs/"
                + alias + ".md), then run ./jbang check " + alias), run.errorLines(), run.toString());
        assertFalse(run.output().contains("\tat "), "no stack trace without --verbose\n" + run);
        assertEquals("", run.stdout().strip(), "nothing before the one line: no heading over results that never came\n" + run);
    }

    @Test
    void verboseAddsTheStackTrace() {
        JBang.Run run = JBang.run("retrieve", "--verbose");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.errorLines().get(0).startsWith("RetrieveSecrets: fill in region RETRIEVE_SECRETS"), run.toString());
        assertTrue(run.stderr().contains("at dev.kvlab.exercises.RetrieveSecrets.retrieveSecrets"), run.toString());

        JBang.Run byEnvironment = JBang.run(Map.of("KVLAB_VERBOSE", "1"), "list");
        assertTrue(byEnvironment.stderr().contains("at dev.kvlab.exercises.ListSecretProperties.listSecretProperties"),
                byEnvironment.toString());
    }

    @Test
    void retrieveSolutionReportsBothSeededSecretsMasked() {
        JBang.Run run = JBang.run("retrieve-solution");
        Leaks.assertNone(run);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of(), run.errorLines(), run.toString());
        assertTrue(run.stdout().startsWith("Secrets in https://kvlab.localhost:"), run.toString());
        String api = row(run, "openai-api-key");
        assertTrue(api.contains(" sk-proj-kvlab7Qm2Xv9... "), api);
        assertTrue(api.contains(" application/x-api-key "), api);
        assertTrue(api.contains(" environment=development, service=openai "), api);
        assertTrue(api.endsWith(" retrieved"), api);
        assertTrue(VERSION.matcher(api).find(), api);
        String db = row(run, "cosmosdb-connection-string");
        assertTrue(db.contains(" AccountEndpoint=http... "), db);
        assertTrue(db.contains(" application/x-connection-string "), db);
        assertTrue(db.contains(" environment=development, service=cosmosdb "), db);
        assertTrue(db.endsWith(" retrieved"), db);
    }

    @Test
    void listSolutionShowsPropertiesAndNoValues() {
        JBang.Run run = JBang.run("list-solution");
        Leaks.assertNone(run);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().lines().findFirst().orElseThrow().endsWith("(no values read)"), run.toString());
        assertTrue(run.stdout().lines().anyMatch(l -> l.matches("name +enabled +content type +created on +updated on")), run.toString());
        String api = row(run, "openai-api-key");
        assertTrue(api.matches("openai-api-key +true +application/x-api-key +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +\\S+ \\S+"), api);
        assertTrue(row(run, "cosmosdb-connection-string").contains(" application/x-connection-string "), run.toString());
        assertFalse(run.stdout().contains("..."), "a masked value in a properties listing\n" + run);
    }

    @Test
    void rotateSolutionCreatesANewVersionAndKeepsThePreviousReadable() {
        JBang.Run run = JBang.run("rotate-solution");
        Leaks.assertNone(run);
        assertEquals(0, run.exitCode(), run.toString());
        String previous = field(run, "previous version");
        String current = field(run, "new version");
        assertTrue(VERSION.matcher(previous).matches() && VERSION.matcher(current).matches(), run.toString());
        assertNotEquals(previous, current);
        assertEquals("sk-proj-kvlab7Qm2Xv9...", field(run, "previous value"));
        assertTrue(field(run, "new value").matches("sk-proj-kvlab[A-Za-z0-9]{7}\\.\\.\\."), run.toString());
        assertNotEquals("sk-proj-kvlab7Qm2Xv9...", field(run, "new value"), "main must generate a new value");
        assertEquals("environment=development, rotated=true", field(run, "tags"));
        assertTrue(run.stdout().contains("The previous version " + previous + " is still readable by its id: sk-proj-kvlab7Qm2Xv9..."),
                run.toString());
    }

    @Test
    void cacheSolutionNeedsTwoVaultCallsForTenAccesses() {
        JBang.Run run = JBang.run("cache-solution");
        Leaks.assertNone(run);
        assertEquals(0, run.exitCode(), run.toString());
        List<String> accesses = run.stdout().lines().filter(l -> l.matches("\\d +\\S+ +cache (hit|miss) +.*")).toList();
        assertEquals(10, accesses.size(), run.toString());
        assertTrue(accesses.get(0).matches("1 +openai-api-key +cache miss +sk-proj-kvlab7Qm2Xv9\\.\\.\\."), accesses.get(0));
        assertTrue(accesses.get(1).matches("1 +cosmosdb-connection-string +cache miss +AccountEndpoint=http\\.\\.\\."), accesses.get(1));
        assertTrue(accesses.subList(2, 10).stream().allMatch(l -> l.contains(" cache hit ")), run.toString());
        assertTrue(run.stdout().contains("2 vault calls for 10 accesses (TTL 30 s)"), run.toString());
    }

    /** The table row that starts with {@code name}. */
    static String row(JBang.Run run, String name) {
        return run.stdout().lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + "\n" + run)).strip();
    }

    /** The value in a {@code field  value} table. */
    static String field(JBang.Run run, String field) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(field) + " {2,}(.*)$").matcher(run.stdout());
        if (!m.find()) {
            throw new AssertionError("no field " + field + "\n" + run);
        }
        return m.group(1).strip();
    }
}
