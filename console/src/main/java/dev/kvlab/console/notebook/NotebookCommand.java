package dev.kvlab.console.notebook;

import dev.kvlab.console.Exercise;
import dev.kvlab.console.ExerciseCompiler;
import dev.kvlab.console.LabFolder;
import dev.kvlab.runtime.Diagnosis;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.LabException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./jbang notebook <exercise>}: JShell with the lab runtime, a ready {@code client}, the learner's current
 * exercise class and the helpers {@code show(x)}, {@code check()}, {@code attempt(() -> ...)}. With {@code --run} it
 * executes every cell of {@code notebooks/<exercise>.jsh} instead and exits non-zero at the first failing cell.
 */
@Command(name = "notebook", mixinStandardHelpOptions = true,
        description = "Open an exercise's JShell notebook (retrieve, list, rotate, cache, versions, ...), or run all its cells with --run.")
public final class NotebookCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXERCISE", description = "retrieve, list, rotate, cache, versions, ...")
    String exerciseId;

    @Option(names = "--install-kernel", description = "Install the project-local Jupyter kernel (.lab/jupyter) for notebooks/*.ipynb.")
    boolean installKernel;

    @Option(names = "--run", description = "Run every cell in order without a prompt; stop at the first failing cell.")
    boolean run;

    @Option(names = "--sources", defaultValue = "exercises",
            description = "Folder of the exercise class to load: exercises (yours) or solutions (default: ${DEFAULT-VALUE}).")
    String sources;

    @Option(names = "--notebook", paramLabel = "FILE", description = "The .jsh notebook (default: notebooks/EXERCISE.jsh).")
    Path notebookFile;

    @Option(names = "--verbose", description = "Print stack traces of the notebook tool's own failures.")
    boolean verbose;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new NotebookCommand());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            System.err.println(Diagnosis.of(e, Lab.lastVaultUrl()));
            if (((NotebookCommand) line.getCommand()).verbose) {
                e.printStackTrace();
            }
            return 1;
        });
        int status = cli.execute(args);
        System.exit(status);
    }

    @Override
    public Integer call() throws Exception {
        if (installKernel) {
            Path root = LabFolder.locate("exercises").root();
            Path kernel = JupyterKernel.install(root.resolve(".lab").resolve("jupyter"), ExerciseCompiler.classPathEntries());
            System.out.println("Installed the " + JupyterNotebooks.KERNEL_DISPLAY_NAME + " kernel: " + root.relativize(kernel));
            System.out.println("Open the notebooks with:  JUPYTER_PATH=\"$PWD/.lab/jupyter\" jupyter notebook notebooks/");
            return 0;
        }
        if (exerciseId == null) {
            throw new LabException("name an exercise (" + Exercise.ids() + "), e.g. ./jbang notebook retrieve, or use --install-kernel.");
        }
        Exercise exercise = Exercise.byId(exerciseId).orElseThrow(() -> new LabException(
                "no exercise " + exerciseId + ". Choose one of: " + Exercise.ids() + "."));
        LabFolder folder = LabFolder.locate(sources);
        Path notebookPath = notebookFile != null ? notebookFile : folder.root().resolve("notebooks").resolve(exercise.id() + ".jsh");
        Notebook notebook = Notebook.read(notebookPath);

        ExerciseCompiler.Compiled compiled = new ExerciseCompiler().compile(folder.file(exercise));
        if (!compiled.ok()) {
            throw new LabException(folder.shown(exercise) + " does not compile (" + compiled.errors().get(0)
                    + "). Fix it, save, and open the notebook again.");
        }
        Path classes = folder.root().resolve(".lab").resolve("notebook").resolve(folder.sources().getFileName().toString());
        deleteTree(classes);
        compiled.writeTo(classes);
        List<Path> classPath = new ArrayList<>(ExerciseCompiler.classPathEntries());
        classPath.add(classes);
        String prelude = Prelude.snippets(exercise, compiled.className(), folder.file(exercise));

        if (run) {
            long start = System.nanoTime();
            Optional<String> failure = new NotebookRunner(System.out).run(notebook, prelude, classPath);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println();
            if (failure.isPresent()) {
                System.err.println("Error: " + failure.get() + ". Fix that cell (or your exercise file) and run again.");
                return 1;
            }
            System.out.println("Ran " + notebook.cells().size() + " cells of " + folder.root().relativize(notebookPath.toAbsolutePath())
                    + " in " + ms + " ms.");
            return 0;
        }
        return interactive(notebook, folder, prelude, classPath);
    }

    private int interactive(Notebook notebook, LabFolder folder, String prelude, List<Path> classPath) throws Exception {
        Path shown = folder.root().relativize(notebook.file().toAbsolutePath().normalize());
        String banner = "Notebook " + shown + ": " + notebook.cells().size() + " cells. Paste them in order, or /open " + shown
                + " to run them all.\\nHelpers: show(x) prints a result as a table, check() checks your file as saved, "
                + "attempt(() -> ...) calls your function. /exit leaves.";
        Path startup = classPath.get(classPath.size() - 1).resolveSibling("startup-" + exerciseId + ".jsh");
        Files.writeString(startup, prelude + "System.out.println(\"" + banner.replace("\"", "\\\"") + "\");\n", StandardCharsets.UTF_8);
        String cp = String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
        return JavaShellToolBuilder.builder().start("--class-path", cp, "--startup", "DEFAULT", "--startup", startup.toString());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
