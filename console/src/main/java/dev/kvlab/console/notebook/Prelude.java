package dev.kvlab.console.notebook;

import dev.kvlab.console.Exercise;
import java.nio.file.Path;

/**
 * The snippets every notebook session starts with: imports, the helpers ({@code show}, {@code check},
 * {@code attempt}), the learner's exercise class and a ready {@code client}. JShell runs them before the first cell,
 * in the interactive tool as a startup script and in the runner as the first evaluation.
 */
final class Prelude {
    private Prelude() {
    }

    static String imports(String exerciseClass) {
        return """
                import java.util.*;
                import java.util.function.*;
                import java.time.*;
                import com.azure.core.exception.*;
                import com.azure.security.keyvault.secrets.SecretClient;
                import com.azure.security.keyvault.secrets.models.*;
                import dev.kvlab.runtime.Lab;
                import dev.kvlab.runtime.Mask;
                import dev.kvlab.runtime.Table;
                import dev.kvlab.console.notebook.NotebookSession;
                import static dev.kvlab.console.notebook.NotebookSession.*;
                import %s;
                """.formatted(exerciseClass);
    }

    static String snippets(Exercise exercise, String exerciseClass, Path exerciseFile) {
        return imports(exerciseClass) + """
                NotebookSession.open(%s, %s);
                SecretClient client = NotebookSession.client();
                """.formatted(literal(exercise.id()), literal(exerciseFile.toAbsolutePath().toString()));
    }

    /** A Java string literal for {@code text}. */
    static String literal(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
