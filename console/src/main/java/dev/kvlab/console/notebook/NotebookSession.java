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
