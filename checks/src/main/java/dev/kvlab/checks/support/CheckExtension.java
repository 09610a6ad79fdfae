package dev.kvlab.checks.support;

import dev.kvlab.vault.LocalVault;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Gives each check what it works with — a {@link CheckVault} (a freshly reset local vault in stage 1, the real
 * vault in stage 2), the run's seeded {@link Random}, a {@link TestClock}, the {@link LearnerCode} and, in
 * stage 1, the {@link LocalVault} itself — and runs the check on a thread of its own with a time limit, capturing
 * what the learner's code prints.
 */
public final class CheckExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback,
        InvocationInterceptor {
    /** The report entry that carries a check's captured output to the runner. */
    public static final String OUTPUT = "kvlab.output";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(CheckExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        RunContext run = RunContext.of(context);
        CheckVault vault;
        if (run.stage() == 1) {
            LocalVault local = run.localVault();
            local.reset();
            vault = CheckVault.local(local, run.prefix());
        } else {
            vault = CheckVault.shared(run.prefix());
        }
        ExtensionContext.Store store = context.getStore(NS);
        store.put(CheckVault.class, vault);
        Random random = new Random(run.seed() * 31 + context.getRequiredTestMethod().getName().hashCode());
        store.put(Random.class, random);
        store.put(TestClock.class, new TestClock(1_000_000_000L + (random.nextLong() >>> 8)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CheckVault vault = context.getStore(NS).get(CheckVault.class, CheckVault.class);
        if (vault != null) {
            vault.cleanUp();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CheckVault.class || type == Random.class || type == TestClock.class
                || type == LearnerCode.class || type == LocalVault.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = context.getStore(NS);
        if (type == LearnerCode.class) {
            return RunContext.of(context).code();
        }
        if (type == LocalVault.class) {
            CheckVault vault = store.get(CheckVault.class, CheckVault.class);
            if (!vault.isLocal()) {
                throw new ParameterResolutionException("a check that needs the local vault cannot run in stage 2");
            }
            return vault.localVault();
        }
        return store.get(type, type);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        RunContext run = RunContext.of(context);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> output = new AtomicReference<>("");
        Thread worker = new Thread(() -> {
            LearnerOutput.capture();
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                output.set(LearnerOutput.release());
            }
        }, "kvlab-check-" + call.getExecutable().getName());
        worker.setDaemon(true); // an abandoned endless loop must not keep the JVM alive
        worker.start();
        worker.join(run.timeout().toMillis());
        if (worker.isAlive()) {
            stop(worker);
            worker.join(500); // let its finally block hand over the output
            Check check = call.getExecutable().getAnnotation(Check.class);
            String region = check == null ? "your code" : "region " + check.region();
            publish(context, output.get());
            throw new CheckTimedOut("timed out after " + run.timeout().toSeconds() + " s: " + region
                    + " did not finish (an endless loop, or waiting for something that never comes)");
        }
        publish(context, output.get());
        if (failure.get() != null) {
            throw failure.get();
        }
        String leaked = Redaction.foundIn(output.get());
        if (leaked != null) {
            Check check = call.getExecutable().getAnnotation(Check.class);
            throw new CheckFailed("region " + (check == null ? "?" : check.region())
                    + " printed a whole secret value (" + dev.kvlab.runtime.Mask.value(leaked)
                    + "): print Mask.value(value) instead, never the value itself");
        }
    }

    private static void publish(ExtensionContext context, String output) {
        if (output != null && !output.isBlank()) {
            context.publishReportEntry(Map.of(OUTPUT, Redaction.apply(output)));
        }
    }

    /**
     * Stops a thread stuck in the learner's code. Thread.stop is deprecated, but it is the only way to end a loop
     * that never checks for interruption, and on Java 17 it still works; where it does not, the daemon thread is
     * left behind and dies with the JVM.
     */
    @SuppressWarnings({"removal", "deprecation"})
    private static void stop(Thread worker) {
        worker.interrupt();
        try {
            worker.stop();
        } catch (UnsupportedOperationException ignored) {
            // Java 20+: abandon it
        }
    }
}
