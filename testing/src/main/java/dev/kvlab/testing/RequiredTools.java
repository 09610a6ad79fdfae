package dev.kvlab.testing;

import java.io.File;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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

    /** Lines already printed in this JVM: each is printed once, not once per test class. */
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<RequiresTool> missing = context.getElement().map(RequiredTools::missing).orElse(List.of());
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("every program it needs is on the PATH");
        }
        if (inCi()) {
            return ConditionEvaluationResult.enabled("CI=true: it runs, and fails for want of " + programs(missing));
        }
        String line = "Skipped: tests that need " + programs(missing) + " (not on the PATH): apt-get install "
                + packages(missing) + ", or run .ci/run";
        if (ANNOUNCED.add(line)) {
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
        List<RequiresTool> missing = missing(element);
        if (!missing.isEmpty()) {
            throw new AssertionError(programs(missing) + " not on the PATH and CI=true, so the tests that need it must run: "
                    + "apt-get install " + packages(missing) + " (or run .ci/run)");
        }
    }

    private static List<RequiresTool> missing(AnnotatedElement element) {
        List<RequiresTool> tools = AnnotationSupport.findRepeatableAnnotations(element, RequiresTool.class);
        return tools.stream().filter(tool -> find(tool.value()).isEmpty()).toList();
    }

    private static String programs(List<RequiresTool> tools) {
        return tools.stream().map(RequiresTool::value).distinct().collect(Collectors.joining(", "));
    }

    private static String packages(List<RequiresTool> tools) {
        return tools.stream().map(RequiresTool::debian).distinct().collect(Collectors.joining(" "));
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
