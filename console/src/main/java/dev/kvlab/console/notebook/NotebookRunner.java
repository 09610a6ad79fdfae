package dev.kvlab.console.notebook;

import dev.kvlab.runtime.Diagnosis;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs a notebook without a person: every cell in order in one JShell (in this JVM), printing each cell's output
 * under its title, and stopping at the first cell that does not compile or throws, naming that cell.
 */
final class NotebookRunner {
    private final PrintStream out;

    NotebookRunner(PrintStream out) {
        this.out = out;
    }

    /** The failed cell's one line, or empty when every cell ran. */
    Optional<String> run(Notebook notebook, String prelude, List<Path> classPath) {
        try (JShell shell = JShell.builder().executionEngine("local").out(out).err(out).build()) {
            classPath.forEach(p -> shell.addToClasspath(p.toString()));
            Optional<String> setup = eval(shell, prelude);
            if (setup.isPresent()) {
                return Optional.of("the notebook's setup failed: " + setup.get());
            }
            for (Notebook.Cell cell : notebook.cells()) {
                out.println();
                out.println("-- " + cell.number() + "/" + notebook.cells().size() + " " + cell.title());
                out.flush();
                Optional<String> failure = eval(shell, cell.code());
                out.flush();
                if (failure.isPresent()) {
                    return Optional.of(cell.label() + " of " + notebook.file() + " (line " + cell.line() + ") failed: " + failure.get());
                }
            }
            return Optional.empty();
        }
    }

    /** Evaluates {@code code} snippet by snippet; the first problem as one line. */
    static Optional<String> eval(JShell shell, String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                return Optional.of("the code is incomplete (a missing ; or }?): " + firstLine(remaining));
            }
            for (SnippetEvent event : shell.eval(info.source())) {
                Optional<String> problem = problem(shell, event);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            remaining = info.remaining();
        }
        return Optional.empty();
    }

    private static Optional<String> problem(JShell shell, SnippetEvent event) {
        if (event.causeSnippet() != null) {
            return Optional.empty();   // an update of an earlier snippet, not this one
        }
        if (event.status() == Snippet.Status.REJECTED) {
            List<String> errors = shell.diagnostics(event.snippet()).filter(Diag::isError)
                    .map(d -> d.getMessage(null).lines().findFirst().orElse("")).collect(Collectors.toCollection(ArrayList::new));
            return Optional.of("does not compile: " + String.join("; ", errors) + " in: " + firstLine(event.snippet().source()));
        }
        JShellException e = event.exception();
        if (e instanceof UnresolvedReferenceException unresolved) {
            return Optional.of("uses something not defined yet: " + firstLine(unresolved.getSnippet().source()));
        }
        if (e instanceof EvalException thrown) {
            String message = thrown.getMessage() == null ? "" : thrown.getMessage();
            if (thrown.getExceptionClassName().equals(UnsupportedOperationException.class.getName())
                    && Diagnosis.UNFILLED_REGION.matcher(message).matches()) {
                return Optional.of("Not implemented yet: " + firstLine(message));
            }
            return Optional.of(thrown.getExceptionClassName() + ": " + firstLine(message));
        }
        if (e != null) {
            return Optional.of(e.toString());
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }
}
