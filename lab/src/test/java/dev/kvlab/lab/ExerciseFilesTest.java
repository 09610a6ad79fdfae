package dev.kvlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.runtime.Diagnosis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The file contract of exercises/README.md, held against the files themselves. */
class ExerciseFilesTest {
    static final Pattern REGION = Pattern.compile("(?m)^( *)// BEGIN ([A-Z][A-Z0-9_]*)\\n(.*?)^\\1// END \\2$", Pattern.DOTALL);

    @ParameterizedTest(name = "{1}: stub and solution differ only in package and regions")
    @CsvSource({
        "retrieve, RetrieveSecrets, RETRIEVE_SECRETS",
        "list,     ListSecretProperties, LIST_SECRETS",
        "rotate,   RotateSecret, ROTATE_SECRET",
        "cache,    CachedRetrieval, CACHE_GET CACHED_RETRIEVAL",
        "versions, SecretVersions, LIST_VERSIONS READ_VERSION FALLBACK_VERSION",
        "lifecycle, SecretLifecycle, STORE_SECRET SET_ENABLED DELETE_SECRET RECOVER_SECRET PURGE_SECRET",
        "hygiene,  SecretHygiene, AUDIT_VAULT",
        "references, KeyVaultReferences, PARSE_REFERENCE RESOLVE REFRESH",
        "settings, AppSettings, LOAD_SETTINGS RESOLVE_REFERENCE",
        "flags,    FeatureFlags, READ_FLAGS IN_ROLLOUT TARGETED EVALUATE_FLAG ANSWER",
        "refresh,  SentinelRefresh, REFRESH_IF_DUE LOAD_ALL",
        "access,   LeastPrivilege, PLAN_ROLES EXPLAIN_REFUSAL",
        "resilient, ResilientClient, RESILIENT_CLIENT CACHE_GET",
        "audit,    AccessAlert, READ_EXPORT EVALUATE_RULE",
    })
    void stubAndSolutionShareEverythingOutsideTheRegions(String alias, String exercise, String regions) throws IOException {
        String stub = read("exercises/" + exercise + ".java");
        String solution = read("solutions/" + exercise + ".java");
        assertEquals(List.of(regions.split(" ")), regionNames(stub));
        assertEquals(List.of(regions.split(" ")), regionNames(solution));
        assertEquals(outside(stub).replace("package dev.kvlab.exercises;", "package dev.kvlab.solutions;"), outside(solution));
    }

    @ParameterizedTest(name = "{1}: every stub region throws the not-implemented message")
    @CsvSource({
        "retrieve, RetrieveSecrets",
        "list,     ListSecretProperties",
        "rotate,   RotateSecret",
        "cache,    CachedRetrieval",
        "versions, SecretVersions",
        "lifecycle, SecretLifecycle",
        "hygiene,  SecretHygiene",
        "references, KeyVaultReferences",
        "settings, AppSettings",
        "flags,    FeatureFlags",
        "refresh,  SentinelRefresh",
        "access,   LeastPrivilege",
        "resilient, ResilientClient",
        "audit,    AccessAlert",
    })
    void everyStubRegionIsTheOneThrowLine(String alias, String exercise) throws IOException {
        String stub = read("exercises/" + exercise + ".java");
        Matcher m = REGION.matcher(stub);
        while (m.find()) {
            String message = exercise + ": fill in region " + m.group(2) + " in exercises/" + exercise + ".java (see docs/"
                    + alias + ".md), then run ./jbang check " + alias;
            assertEquals(m.group(1) + "throw new UnsupportedOperationException(\"" + message + "\");\n", m.group(3));
            assertTrue(Diagnosis.UNFILLED_REGION.matcher(message).matches(), message);
        }
    }

    @ParameterizedTest(name = "{1}: a JBang script on the runtime, with its alias and page")
    @CsvSource({
        "retrieve, RetrieveSecrets",
        "list,     ListSecretProperties",
        "rotate,   RotateSecret",
        "cache,    CachedRetrieval",
        "versions, SecretVersions",
        "lifecycle, SecretLifecycle",
        "hygiene,  SecretHygiene",
        "references, KeyVaultReferences",
        "settings, AppSettings",
        "flags,    FeatureFlags",
        "refresh,  SentinelRefresh",
        "access,   LeastPrivilege",
        "resilient, ResilientClient",
        "audit,    AccessAlert",
    })
    void eachExerciseIsAScriptWithAnAliasAndAPage(String alias, String exercise) throws IOException {
        for (String folder : List.of("exercises", "solutions")) {
            String file = read(folder + "/" + exercise + ".java");
            List<String> directives = file.lines().filter(l -> l.startsWith("//") && !l.startsWith("///") && !l.startsWith("// ")).toList();
            assertEquals("//JAVA 17+", directives.get(0), folder + "/" + exercise);
            assertEquals("//DEPS dev.kvlab:kvlab-runtime:0.1.0", directives.get(1), folder + "/" + exercise);
            // a short-lived program: C1 only and the serial collector start it about a third faster
            assertEquals("//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC", directives.get(2), folder + "/" + exercise);
            assertEquals(4, directives.size(), "only JAVA, DEPS, JAVA_OPTIONS and DESCRIPTION: " + directives);
            assertTrue(file.contains("\npublic class " + exercise + " {"), folder + "/" + exercise);
        }
        String catalog = read("jbang-catalog.json");
        assertTrue(catalog.contains("\"" + alias + "\": { \"script-ref\": \"exercises/" + exercise + ".java\""), alias);
        assertTrue(catalog.contains("\"" + alias + "-solution\": { \"script-ref\": \"solutions/" + exercise + ".java\""), alias);
        String page = read("docs/" + alias + ".md");
        assertTrue(page.contains("\n## 1. "), "docs/" + alias + ".md numbers its tasks");
    }

    static List<String> regionNames(String source) {
        List<String> names = new ArrayList<>();
        Matcher m = REGION.matcher(source);
        while (m.find()) {
            names.add(m.group(2));
        }
        return names;
    }

    static String outside(String source) {
        return REGION.matcher(source).replaceAll("$1// BEGIN $2\n$1// END $2");
    }

    static String read(String file) throws IOException {
        return Files.readString(ProjectCopy.source().resolve(file));
    }
}
