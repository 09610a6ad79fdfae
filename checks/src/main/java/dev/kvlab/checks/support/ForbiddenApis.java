package dev.kvlab.checks.support;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * ArchUnit rules about what the learner's code may call. The checks run the learner's code inside their own JVM,
 * so anything that could end, escape or outlive a check is refused before any of it runs: exiting, processes,
 * reflection, class loaders, threads, file writes, JNDI and network access other than through the Azure SDK.
 * It is a teaching layer, not the wall: the learner's code runs in a sandboxed process of its own. Only accesses on
 * lines inside the regions count ({@link LearnerCode#require}); the frame around them is the course's.
 */
public final class ForbiddenApis {
    /** What the learner's code may not use, each with the reason the learner reads. */
    record Ban(String why, Predicate<JavaAccess<?>> matches) {}

    private static final Set<String> SYSTEM = Set.of("exit", "setOut", "setErr", "setIn", "setProperty",
            "setProperties", "clearProperty", "setSecurityManager", "getProperties", "load", "loadLibrary", "runFinalization", "gc");
    private static final Set<String> CLASS_REFLECTION = Set.of("forName", "getDeclaredMethods",
            "getDeclaredMethod", "getDeclaredFields", "getDeclaredField", "getDeclaredConstructors",
            "getDeclaredConstructor", "getMethods", "getMethod", "getFields", "getField", "getConstructors",
            "getConstructor", "newInstance", "getClassLoader", "getModule");

    static final List<Ban> BANS = List.of(
            new Ban("ends or reconfigures the JVM (System.exit, System.setOut, Runtime)",
                    a -> owner(a).equals("java.lang.System") && SYSTEM.contains(a.getName())
                            || owner(a).equals("java.lang.Runtime")),
            new Ban("starts a process", a -> owner(a).startsWith("java.lang.Process")),
            new Ban("uses reflection", a -> owner(a).startsWith("java.lang.reflect.") || owner(a).startsWith("java.beans.")
                    || owner(a).startsWith("java.lang.invoke.")
                    || owner(a).equals("java.lang.Class") && CLASS_REFLECTION.contains(a.getName())),
            new Ban("uses a class loader", a -> owner(a).endsWith("ClassLoader")),
            new Ban("starts threads (the checks must be able to stop your code)",
                    a -> owner(a).equals("java.lang.Thread") || owner(a).equals("java.lang.ThreadGroup")
                            || owner(a).equals("java.util.Timer")
                            || owner(a).startsWith("java.util.concurrent.") && (owner(a).contains("Executor")
                                    || owner(a).contains("ForkJoin") || owner(a).endsWith("ThreadFactory")
                                    || owner(a).equals("java.util.concurrent.SubmissionPublisher")
                                    || owner(a).equals("java.util.concurrent.CompletableFuture")
                                            && (a.getName().endsWith("Async") || a.getName().equals("delayedExecutor")
                                                    || a.getName().equals("completeOnTimeout")
                                                    || a.getName().equals("orTimeout")))
                            || a.getName().equals("parallelStream")
                            || a.getName().equals("parallel") && owner(a).startsWith("java.util.stream.")),
            new Ban("writes files", a -> owner(a).equals("java.nio.file.Files") || owner(a).equals("java.io.File")
                    || owner(a).equals("java.io.FileOutputStream") || owner(a).equals("java.io.FileWriter")
                    || owner(a).equals("java.io.RandomAccessFile") || owner(a).startsWith("java.nio.channels.")
                    || owner(a).startsWith("java.nio.file.spi.") || owner(a).equals("java.nio.file.FileSystems")
                    || owner(a).equals("java.nio.file.FileSystem") || a.getName().equals("getFileSystem")
                    || owner(a).equals("java.io.FileDescriptor")
                    || opensFileByName(a)),
            new Ban("uses the network or JNDI directly (only the SecretClient you are given may talk to the vault)",
                    a -> owner(a).startsWith("java.net.") && !owner(a).equals("java.net.URI")
                            && !owner(a).startsWith("java.net.URLEncoder") && !owner(a).startsWith("java.net.URLDecoder")
                            || owner(a).startsWith("javax.net.") || owner(a).startsWith("javax.naming.")
                            || owner(a).startsWith("java.rmi.")),
            new Ban("uses JDK internals", a -> owner(a).startsWith("sun.") || owner(a).startsWith("jdk.internal.")
                    || owner(a).startsWith("com.sun.")));

    private ForbiddenApis() {}

    /** The rule: no class of the learner's file makes a banned access (on the learner's lines). */
    public static ArchRule rule() {
        return ArchRuleDefinition.classes().should(new ArchCondition<JavaClass>("use only the APIs the lab allows") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                    for (Ban ban : BANS) {
                        if (ban.matches().test(access)) {
                            events.add(SimpleConditionEvent.violated(access,
                                    ban.why() + ": " + access.getDescription()));
                            break;
                        }
                    }
                }
            }
        }).allowEmptyShould(true);
    }

    /**
     * A rule that no access of the learner's code (on the learner's lines) matches {@code banned}: for exercise checks
     * such as "listing never calls getSecret".
     */
    public static ArchRule noAccess(String should, Predicate<JavaAccess<?>> banned) {
        return ArchRuleDefinition.classes().should(new ArchCondition<JavaClass>(should) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaAccess<?> access : item.getAccessesFromSelf()) {
                    if (banned.test(access)) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        }).allowEmptyShould(true);
    }

    private static String owner(JavaAccess<?> access) {
        return access.getTargetOwner().getName();
    }

    /** {@code new PrintWriter("out.txt")} and friends write a file given by name. */
    private static boolean opensFileByName(JavaAccess<?> access) {
        if (!(access instanceof JavaConstructorCall call)) {
            return false;
        }
        String owner = owner(access);
        if (!owner.equals("java.io.PrintWriter") && !owner.equals("java.io.PrintStream")
                && !owner.equals("java.util.Formatter")) {
            return false;
        }
        List<JavaType> params = call.getTarget().getParameterTypes();
        if (params.isEmpty()) {
            return false;
        }
        String first = params.get(0).toErasure().getName();
        return first.equals("java.lang.String") || first.equals("java.io.File") || first.equals("java.nio.file.Path");
    }
}
