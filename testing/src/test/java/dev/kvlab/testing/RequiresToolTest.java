package dev.kvlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs small sample test classes through the JUnit launcher with a chosen PATH and CI variable and looks at what
 * was skipped, what failed and what ran: a missing program skips (one line naming the package), CI=true turns the
 * skip into a failure, a program on the PATH lets the test run.
 */
class RequiresToolTest {
    static final List<String> RAN = new ArrayList<>();

    final Map<String, String> env = new HashMap<>();
    @TempDir Path bin;

    @BeforeEach
    void fakeEnvironment() throws IOException {
        Path tool = Files.createFile(bin.resolve("kvlab-present-tool"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        assertTrue(Files.isExecutable(tool));
        Files.createFile(bin.resolve("kvlab-not-executable"));
        env.put("PATH", "/nonexistent-folder::" + bin);
        RequiredTools.environment = env::get;
        RAN.clear();
    }

    @AfterEach
    void realEnvironment() {
        RequiredTools.environment = System::getenv;
    }

    @Test
    void aMissingProgramSkipsTheClassWithOneLineNamingThePackage() {
        Outcomes outcomes = run(NeedsMissingTool.class);
        assertEquals(List.of(), RAN, "no test of the class ran, not even its set-up");
        assertEquals("Skipped: tests that need kvlab-missing-tool (not on the PATH): apt-get install kvlab-missing-pkg,"
                + " or run .ci/run", outcomes.skipped.get(name(NeedsMissingTool.class)));
        assertEquals(Map.of(), outcomes.failed);
    }

    @Test
    void underCiAMissingProgramFailsInsteadOfSkipping() {
        env.put("CI", "true");
        Outcomes outcomes = run(NeedsMissingTool.class);
        assertEquals(List.of(), RAN);
        assertEquals(Map.of(), outcomes.skipped);
        String failure = outcomes.failed.get(name(NeedsMissingTool.class));
        assertEquals("kvlab-missing-tool not on the PATH and CI=true, so the tests that need it must run: "
                + "apt-get install kvlab-missing-pkg (or run .ci/run)", failure);
    }

    @Test
    void ciOtherThanTrueStillSkips() {
        env.put("CI", "false");
        Outcomes outcomes = run(NeedsMissingTool.class);
        assertTrue(outcomes.skipped.containsKey(name(NeedsMissingTool.class)));
        assertEquals(Map.of(), outcomes.failed);
    }

    @Test
    void aProgramOnThePathLetsTheTestRunAndGivesItsFile() {
        env.put("CI", "true");
        Outcomes outcomes = run(NeedsPresentTool.class);
        assertEquals(List.of("present: " + bin.resolve("kvlab-present-tool")), RAN);
        assertEquals(Map.of(), outcomes.skipped);
        assertEquals(Map.of(), outcomes.failed);
    }

    @Test
    void aSubclassInheritsItsBaseClassesRequirements() {
        Outcomes outcomes = run(InheritsMissingTool.class);
        assertEquals(List.of(), RAN);
        assertTrue(outcomes.skipped.containsKey(name(InheritsMissingTool.class)), outcomes.skipped.toString());
    }

    @Test
    void onAMethodOnlyThatMethodIsSkippedOrFailed() {
        Outcomes skipped = run(OneMethodNeedsMissingTool.class);
        assertEquals(List.of("plain"), RAN);
        assertTrue(skipped.skipped.containsKey("needsIt()"), skipped.skipped.toString());

        RAN.clear();
        env.put("CI", "true");
        Outcomes failed = run(OneMethodNeedsMissingTool.class);
        assertEquals(List.of("plain"), RAN, "the failing method's body never ran");
        assertTrue(failed.failed.get("needsIt()").startsWith("kvlab-missing-tool not on the PATH and CI=true"));
    }

    @Test
    void aNonExecutableFileOrAPathInTheNameIsNotTheProgram() {
        assertEquals(Optional.empty(), RequiredTools.find("kvlab-not-executable"));
        assertEquals(Optional.empty(), RequiredTools.find("../" + bin.getFileName() + "/kvlab-present-tool"));
        assertEquals(Optional.empty(), RequiredTools.find(bin.resolve("kvlab-present-tool").toString()));
        env.remove("PATH");
        assertEquals(Optional.empty(), RequiredTools.find("kvlab-present-tool"));
    }

    @Test
    void everyMissingProgramIsNamedInTheOneLine() {
        Outcomes outcomes = run(NeedsPresentAndTwoMissingTools.class);
        assertEquals(List.of(), RAN);
        assertEquals("Skipped: tests that need kvlab-missing-tool, kvlab-other-tool (not on the PATH): apt-get install "
                + "kvlab-missing-pkg kvlab-other-pkg, or run .ci/run", outcomes.skipped.get(name(NeedsPresentAndTwoMissingTools.class)));
    }

    // The sample classes: static nested classes, which Surefire does not run by themselves.

    @RequiresTool(value = "kvlab-missing-tool", debian = "kvlab-missing-pkg")
    static class NeedsMissingTool {
        @org.junit.jupiter.api.BeforeAll
        static void setUp() {
            RAN.add("set-up");
        }

        @Test
        void needsIt() {
            RAN.add("needsIt");
        }
    }

    static class InheritsMissingTool extends NeedsMissingTool {
    }

    @RequiresTool(value = "kvlab-present-tool", debian = "kvlab-present-pkg")
    static class NeedsPresentTool {
        @Test
        void usesIt() {
            RAN.add("present: " + RequiredTools.path("kvlab-present-tool"));
        }
    }

    @RequiresTool(value = "kvlab-present-tool", debian = "kvlab-present-pkg")
    @RequiresTool(value = "kvlab-missing-tool", debian = "kvlab-missing-pkg")
    @RequiresTool(value = "kvlab-other-tool", debian = "kvlab-other-pkg")
    static class NeedsPresentAndTwoMissingTools {
        @Test
        void usesBoth() {
            RAN.add("both");
        }
    }

    static class OneMethodNeedsMissingTool {
        @Test
        @RequiresTool(value = "kvlab-missing-tool", debian = "kvlab-missing-pkg")
        void needsIt() {
            RAN.add("needsIt");
        }

        @Test
        void plain() {
            RAN.add("plain");
        }
    }

    /** What was skipped and what failed, by display name, with the reason or the failure's message. */
    record Outcomes(Map<String, String> skipped, Map<String, String> failed) {
    }

    /** JUnit's display name of a nested class: its binary name without the package. */
    static String name(Class<?> sample) {
        return sample.getName().substring(sample.getPackageName().length() + 1);
    }

    static Outcomes run(Class<?> sample) {
        Map<String, String> skipped = new HashMap<>();
        Map<String, String> failed = new HashMap<>();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(sample)).build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                skipped.put(test.getDisplayName(), reason);
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failed.put(test.getDisplayName(), result.getThrowable().map(Throwable::getMessage).orElse("?"));
                }
            }
        });
        assertFalse(skipped.containsKey("JUnit Jupiter") || failed.containsKey("JUnit Jupiter"), "the engine itself ran");
        return new Outcomes(skipped, failed);
    }
}
