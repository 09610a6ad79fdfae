package dev.kvlab.testing;

import java.io.File;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit extension behind {@link RequiresTool}: a condition that skips what needs a missing program, and
 * callbacks that fail it instead under {@code CI=true} (the condition lets it run then).
 */
public final class RequiredTools implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {
    /** Where the environment is read; the extension's own tests replace it. */
    static volatile UnaryOperator<String> environment = System::getenv;

    /** Programs already announced in this JVM: the skip line is printed once per program, not once per class. */
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresTool> missing = context.getElement().flatMap(RequiredTools::firstMissing);
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("every program it needs is on the PATH");
        }
        if (inCi()) {
            return ConditionEvaluationResult.enabled("CI=true: it runs, and fails for want of " + missing.get().value());
        }
        String line = skipLine(missing.get());
        if (ANNOUNCED.add(missing.get().value())) {
            System.out.println(line);
        }
        return ConditionEvaluationResult.disabled(line);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        failIfMissing(context.getRequiredTestClass());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        failIfMissing(context.getRequiredTestMethod());
    }

    /** Reached only when the condition let a test run: a program still missing here means CI=true. */
    private static void failIfMissing(AnnotatedElement element) {
        firstMissing(element).ifPresent(tool -> {
            throw new AssertionError(tool.value() + " is not on the PATH and CI=true, so tests that need it must run: "
                    + "apt-get install " + tool.debian() + " (or run .ci/run)");
        });
    }

    static String skipLine(RequiresTool tool) {
        return "Skipped: tests that need " + tool.value() + " (not on the PATH): apt-get install " + tool.debian()
                + ", or run .ci/run";
    }

    private static Optional<RequiresTool> firstMissing(AnnotatedElement element) {
        List<RequiresTool> tools = AnnotationSupport.findRepeatableAnnotations(element, RequiresTool.class);
        return tools.stream().filter(tool -> find(tool.value()).isEmpty()).findFirst();
    }

    private static boolean inCi() {
        return "true".equalsIgnoreCase(environment.apply("CI"));
    }

    /** The file a program was found at on the {@code PATH}, for the test to run; fails the test when it is missing. */
    public static Path path(String program) {
        return find(program).orElseThrow(() -> new AssertionError(program + " is not on the PATH"));
    }

    /** Looks a program up on the PATH as a shell would: the first executable file of that name. */
    static Optional<Path> find(String program) {
        String path = environment.apply("PATH");
        if (path == null || program.contains("/")) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
