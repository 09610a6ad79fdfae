package dev.kvlab.console.notebook;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import dev.kvlab.console.Exercise;
import dev.kvlab.console.WorkChecker;
import dev.kvlab.console.Outcome;
import dev.kvlab.console.ResultView;
import dev.kvlab.runtime.Diagnosis;
import dev.kvlab.runtime.Lab;
import dev.kvlab.runtime.Mask;
import dev.kvlab.runtime.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The helpers a notebook's cells call (JShell, Jupyter): {@code show(x)} prints a result as a table with values
 * masked, {@code check()} runs the exercise's checks on the file as it is now, {@code attempt(() -> ...)} calls
 * the learner's function and turns an unfilled region into its one line.
 */
public final class NotebookSession {
    private static Exercise exercise;
    private static Path file;

    private NotebookSession() {
    }

    /** Binds the helpers to the exercise the notebook is about and the file {@code check()} checks. */
    public static void open(String exerciseId, String exerciseFile) {
        exercise = Exercise.byId(exerciseId).orElseThrow(() -> new IllegalArgumentException("no exercise " + exerciseId));
        file = Path.of(exerciseFile);
    }

    /** Where a Jupyter notebook's setup cell puts the learner's compiled class, relative to the lab folder. */
    public static final String JUPYTER_JARS = ".lab/notebook/jupyter";
    /** Set to {@code solutions} to load the reference solution instead of the learner's file (the tests do). */
    public static final String SOURCES_VARIABLE = "KVLAB_NOTEBOOK_SOURCES";

    /**
     * A Jupyter notebook's first cell: compiles the learner's current exercise file (or, with
     * {@code KVLAB_NOTEBOOK_SOURCES=solutions}, the reference solution under the exercise's package) into
     * {@code .lab/notebook/jupyter/<exercise>.jar}, puts that jar on the kernel's class path, and binds the helpers
     * to it.
     */
    public static void prepare(String exerciseId) throws java.io.IOException {
        Exercise e = Exercise.byId(exerciseId).orElseThrow(() -> new IllegalArgumentException("no exercise " + exerciseId));
        Path root = dev.kvlab.console.LabFolder.findRoot(Path.of("")).orElseThrow(() -> new IllegalStateException(
                "open the notebook from the lab's notebooks/ folder (no jbang-catalog.json above " + Path.of("").toAbsolutePath() + ")"));
        boolean solution = "solutions".equals(System.getenv(SOURCES_VARIABLE));
        Path source = root.resolve(solution ? "solutions" : "exercises").resolve(e.fileName());
        String text = java.nio.file.Files.readString(source);
        if (solution) {
            text = text.replace("package dev.kvlab.solutions;", "package dev.kvlab.exercises;");
        }
        // In the Jupyter kernel the lab's classes come from its RJK_CLASSPATH, not from java.class.path.
        String kernelClassPath = System.getenv("RJK_CLASSPATH");
        String classPath = kernelClassPath != null ? kernelClassPath.replace(";", java.io.File.pathSeparator)
                : System.getProperty("java.class.path");
        var compiled = new dev.kvlab.console.ExerciseCompiler(NotebookSession.class.getClassLoader(), classPath).compile(root.resolve("exercises").resolve(e.fileName()), text);
        String shown = root.relativize(source).toString();
        if (!compiled.ok()) {
            System.out.println("Error: " + shown + " does not compile (" + compiled.errors().get(0)
                    + "). Fix it, save, then restart the kernel and run all cells again.");
            return;
        }
        // a jar of its own for the solution, so a kernel on the solution and one on the learner's file never share one
        Path jar = root.resolve(JUPYTER_JARS).resolve(e.id() + (solution ? "-solution" : "") + ".jar");
        compiled.writeJar(jar);
        if (kernelClassPath != null) {
            addToKernelClassPath(jar);
        }
        open(e.id(), source.toString());
        System.out.println("Compiled and loaded " + shown + ". After you edit the file: restart the kernel, run all.");
    }

    /**
     * What the kernel's {@code %jars} magic does (rapaio 3.0.1: its JShell's {@code addToClasspath}), without the line
     * the magic prints in raw ANSI colour codes, which a notebook shows as escape characters.
     */
    private static void addToKernelClassPath(Path jar) {
        try {
            Object kernel = Class.forName("org.rapaio.jupyter.kernel.MainApp", true, NotebookSession.class.getClassLoader())
                    .getField("kernel").get(null);
            Object engine = kernel.getClass().getMethod("javaEngine").invoke(kernel);
            Object shell = engine.getClass().getMethod("getShell").invoke(engine);
            shell.getClass().getMethod("addToClasspath", String.class).invoke(shell, jar.toAbsolutePath().toString());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this kernel is not the lab's Java kernel (" + e + "): install it with"
                    + " ./jbang notebook --install-kernel, pick \"" + JupyterNotebooks.KERNEL_DISPLAY_NAME + "\", then run all cells");
        }
    }

    /** The notebook's client: the embedded local vault, or KEY_VAULT_URL's vault when it is set. */
    public static SecretClient client() {
        SecretClient client = Lab.client();
        System.out.println("client talks to " + client.getVaultUrl());
        return client;
    }

    /** Calls the learner's function; an untouched region prints its one line and gives null instead of a stack trace. */
    public static <T> T attempt(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            var unfilled = Diagnosis.unfilledRegion(e);
            if (unfilled.isPresent()) {
                System.out.println("Not implemented yet: " + unfilled.get());
                return null;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }

    /** Runs the exercise's checks on the file as saved now and prints one line per check (and the hints). */
    public static void check() {
        if (exercise == null) {
            System.out.println("check(): no exercise is open; start the notebook with ./jbang notebook <exercise>.");
            return;
        }
        WorkChecker.textLines(exercise, file).forEach(System.out::println);
    }

    /** Prints a result as a table: a secret (value masked), properties, a list of them, or an exercise's records. */
    public static void show(Object result) {
        System.out.print(render(result));
    }

    static String render(Object result) {
        if (result == null) {
            return "(nothing to show)\n";
        }
        if (result instanceof KeyVaultSecret secret) {
            SecretProperties p = secret.getProperties();
            return new Table("field", "value")
                    .row("name", secret.getName())
                    .row("value", Mask.value(secret.getValue()))
                    .row("version", p.getVersion())
                    .row("content type", p.getContentType())
                    .row("enabled", p.isEnabled())
                    .row("created on", p.getCreatedOn())
                    .row("updated on", p.getUpdatedOn())
                    .row("expires on", p.getExpiresOn())
                    .row("tags", p.getTags())
                    .render();
        }
        if (result instanceof SecretProperties p) {
            return properties(List.of(p));
        }
        if (result instanceof Iterable<?> items && !(result instanceof Collection<?>)) {
            List<Object> list = new ArrayList<>();   // a PagedIterable: read every page
            items.forEach(list::add);
            result = list;
        }
        if (result instanceof Collection<?> items && !items.isEmpty() && items.stream().allMatch(i -> i instanceof SecretProperties)) {
            return properties(items.stream().map(i -> (SecretProperties) i).toList());
        }
        StringBuilder out = new StringBuilder();
        ResultView.Parts parts = ResultView.of("result", result);
        for (Outcome.Card card : parts.cards()) {
            Table table = new Table("field", "value");
            card.fields().forEach(f -> table.row(f.label().toLowerCase(), f.value()));
            out.append(table.render());
        }
        for (Outcome.Table t : parts.tables()) {
            if (t.columns().isEmpty()) {
                out.append("(no items)\n");
                continue;
            }
            if (!parts.cards().isEmpty()) {
                out.append(t.caption().toLowerCase()).append('\n');
            }
            Table table = new Table(t.columns().stream().map(String::toLowerCase).toArray(String[]::new));
            t.rows().forEach(r -> table.row(r.cells().toArray()));
            out.append(table.render());
        }
        return out.toString();
    }

    private static String properties(List<SecretProperties> all) {
        Table table = new Table("name", "version", "enabled", "content type", "created on", "updated on", "tags");
        for (SecretProperties p : all) {
            table.row(p.getName(), p.getVersion(), p.isEnabled(), p.getContentType(), p.getCreatedOn(), p.getUpdatedOn(), p.getTags());
        }
        return table.render();
    }
}
