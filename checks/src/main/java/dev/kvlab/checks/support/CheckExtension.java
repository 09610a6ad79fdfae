package dev.kvlab.checks.support;

import dev.kvlab.appconfig.LocalAppConfig;
import dev.kvlab.vault.LocalVault;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Random;
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
 * vault in stage 2), a {@link CheckStore} (the App Configuration store inside that local vault, or the real one), the run's seeded {@link Random}, a {@link TestClock}, the {@link LearnerCode} and, in
 * stage 1, the {@link LocalVault} itself — and the {@link Learner}, a handle on the learner's code in its own
 * process, reset before each check; after the check it collects what the learner's code printed and fails a check
 * whose output holds a secret value.
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
        CheckStore config;
        if (run.stage() == 1) {
            LocalVault local = run.localVault();
            LocalAppConfig localStore = run.localStore();
            if (localStore != null) {
                localStore.reset(); // the store and the vault it runs in
            } else {
                local.reset();
            }
            vault = CheckVault.local(local, run.localHttpClient(), run.prefix());
            config = localStore == null ? null : CheckStore.local(localStore, run.localHttpClient(), run.prefix());
        } else {
            vault = CheckVault.shared(run.prefix());
            config = CheckStore.shared(run.prefix());
        }
        ExtensionContext.Store store = context.getStore(NS);
        store.put(CheckVault.class, vault);
        if (config != null) {
            store.put(CheckStore.class, config);
        }
        Random random = new Random(run.seed() * 31 + context.getRequiredTestMethod().getName().hashCode());
        store.put(Random.class, random);
        store.put(TestClock.class, new TestClock(1_000_000_000L + (random.nextLong() >>> 8)));
        run.session().beginCheck();
        store.put(Learner.class, new Learner(run.session(), run.exercise(), dev.kvlab.checks.learner.Calls.json()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CheckVault vault = context.getStore(NS).get(CheckVault.class, CheckVault.class);
        CheckStore config = context.getStore(NS).get(CheckStore.class, CheckStore.class);
        if (config != null) {
            config.cleanUp();
        }
        if (vault != null) {
            vault.cleanUp();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CheckVault.class || type == CheckStore.class || type == Random.class || type == TestClock.class
                || type == LearnerCode.class || type == LocalVault.class || type == Learner.class;
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
        if (type == CheckStore.class && store.get(type, type) == null) {
            throw new ParameterResolutionException("this check run has no App Configuration store");
        }
        return store.get(type, type);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        RunContext run = RunContext.of(context);
        Check check = call.getExecutable().getAnnotation(Check.class);
        String region = check == null ? "your code" : "region " + check.region();
        String output = "";
        try {
            invocation.proceed();
        } catch (CheckTimedOut e) {
            throw new CheckTimedOut(e.getMessage().replace("your code", region));
        } catch (LearnerEnded e) {
            throw new LearnerEnded(e.getMessage().replace("your code", region));
        } finally {
            output = run.session().endCheck();
            publish(context, output);
        }
        String leaked = Redaction.leakIn(output);
        if (leaked != null) {
            throw new CheckFailed(region + " printed " + (output.contains(leaked) ? "a whole secret value"
                    : "part of a secret value (" + Redaction.LEAK + " or more characters its mask hides)") + " ("
                    + dev.kvlab.runtime.Mask.value(leaked) + "): print Mask.value(value) instead, never the value itself");
        }
    }

    private static void publish(ExtensionContext context, String output) {
        if (output != null && !output.isBlank()) {
            context.publishReportEntry(Map.of(OUTPUT, Redaction.apply(output)));
        }
    }
}
