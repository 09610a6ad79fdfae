package dev.kvlab.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kvlab.testing.RequiresTool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console runs the learner's file as it is now: a save between two clicks shows up without a restart. */
@RequiresTool(value = "chromium", debian = "chromium")
@RequiresTool(value = "chromedriver", debian = "chromium-driver")
class ConsoleRecompileTest {

    @Test
    void savingTheFileChangesWhatTheNextClickRuns(@TempDir Path root) throws Exception {
        Path exercises = Files.createDirectories(root.resolve("exercises"));
        Path file = exercises.resolve("ListSecretProperties.java");
        Files.copy(LabFixture.root().resolve("exercises/ListSecretProperties.java"), file);
        try (LabFixture lab = LabFixture.of(new LabFolder(root, exercises)); Browser browser = Browser.start()) {
            browser.openExercise(lab.url(), Exercise.LIST);
            browser.clickAndWait("run-list");
            assertTrue(browser.text("#error .error-line").startsWith("Not implemented yet"));

            // the learner "fills in the region": the solution's text with the exercise's package
            String solution = Files.readString(LabFixture.root().resolve("solutions/ListSecretProperties.java"))
                    .replace("package dev.kvlab.solutions;", "package dev.kvlab.exercises;");
            Files.writeString(file, solution);
            browser.clickAndWait("run-list");
            assertEquals("Listed 2 secret(s) without reading a value.", browser.text("#flash"));
            browser.screenshot("recompile-01-after-save");

            Files.writeString(file, solution.replace("return ", "return return "));
            browser.clickAndWait("run-list");
            assertTrue(browser.text("#error .error-line").equals("exercises/ListSecretProperties.java does not compile, so it cannot run yet."));
            assertTrue(browser.text("#error .details").contains("line "), browser.text("#error .details"));
            browser.screenshot("recompile-02-compile-error");
        }
    }
}
