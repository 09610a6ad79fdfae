package dev.kvlab.checks.support;

import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvlab.checks.learner.LearnerProcess;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The learner's code as a check calls it: a handle whose calls cross into the learner's process and bring back plain
 * records. Methods are found by name on the exercise's pristine frame (the course's own signatures), arguments and
 * results cross as JSON; a {@link SecretClient} from {@link CheckVault} becomes a client in the learner's process
 * whose every request the judge relays, records and signs in, and so does a {@link ConfigurationClient} from
 * {@link CheckStore} (a {@code SecretClientBuilder} from {@link CheckVault#builder()} becomes a builder for the
 * learner's code to finish, relayed the same way; a client it returns stays in the learner's process and comes back as
 * a {@link LearnerObject}); a {@link LongSupplier} or {@link Clock} becomes a clock that asks the check for the time; a
 * {@code Map} whose values are such handles (the app's clients by vault name) crosses entry by entry, its keys as text.
 *
 * <pre>{@code
 * List<SecretReport> reports = learner.call("retrieveSecrets", vault.client(), names);
 * LearnerObject cache = learner.create(SecretCache.class, vault.client(), Duration.ofSeconds(30), clock);
 * String value = cache.call("get", name);
 * }</pre>
 */
public final class Learner {
    private final LearnerSession session;
    private final Class<?> exercise;
    private final ObjectMapper json;
    // read by the judge's answering threads (LearnerProcess), written before each call
    private final Map<String, Object> clocks = new ConcurrentHashMap<>();
    private final Map<String, Relay> routes = new ConcurrentHashMap<>();

    Learner(LearnerSession session, Class<?> exercise, ObjectMapper json) {
        this.session = session;
        this.exercise = exercise;
        this.json = json;
    }

    /** Calls the exercise class's public static method {@code method}; returns its result as the frame types it. */
    @SuppressWarnings("unchecked")
    public <T> T call(String method, Object... args) {
        return (T) invoke(exercise, null, method, args);
    }

    /** Makes an instance of the learner's {@code type} (a class of the exercise's frame) in the learner's process. */
    public LearnerObject create(Class<?> type, Object... args) {
        return (LearnerObject) invoke(type, null, "<init>", args);
    }

    Object invoke(Class<?> type, LearnerObject target, String name, Object[] args) {
        Executable executable = find(type, name, args);
        String method = type.getName() + "#" + name;
        if (session.endless(method)) {
            throw new CheckTimedOut("timed out: your code did not finish in an earlier check, where it kept the CPU "
                    + "busy the whole time (an endless loop), so it was not run again");
        }
        ObjectNode call = dev.kvlab.checks.learner.Calls.message(type.getName(), name, executable.getParameterTypes(),
                target == null ? null : target.id());
        ArrayNode encoded = call.putArray("args");
        for (Object arg : args) {
            encoded.add(encode(arg));
        }
        LearnerProcess process = session.process();
        long started = System.nanoTime();
        ObjectNode reply;
        try {
            reply = process.call(call, session.deadline(), this::answer);
        } catch (LearnerProcess.Ended e) {
            if (e.timedOut()) {
                if (e.spinning()) {
                    session.markEndless(method); // it would spin as long in every check: one budget is spent, not all
                }
                if (e.spunOut()) {
                    throw new CheckTimedOut("timed out after " + LearnerProcess.SPIN_LIMIT.toSeconds() + " s of CPU time: "
                            + "your code did not finish and kept the processor busy the whole time (an endless loop)");
                }
                throw new CheckTimedOut("timed out after " + session.budget().toSeconds() + " s: your code did not "
                        + "finish (an endless loop, or waiting for something that never comes)");
            }
            throw new LearnerEnded("did not finish: your code " + e.getMessage());
        } finally {
            session.spend(System.nanoTime() - started);
        }
        if (reply.get("op").asText().equals("threw")) {
            throw threw(reply);
        }
        if (reply.has("object")) {
            // a constructor's object is of the type made; a method's, of the type it returns (e.g. a SecretClient)
            Class<?> of = executable instanceof Method m ? m.getReturnType() : type;
            return new LearnerObject(this, of, reply.get("object").asInt());
        }
        Type result = executable instanceof Method m ? m.getGenericReturnType() : void.class;
        JsonNode value = reply.get("value");
        if (value == null || value.isNull() || result == void.class) {
            return null;
        }
        try {
            return json.convertValue(value, json.getTypeFactory().constructType(result));
        } catch (IllegalArgumentException e) {
            throw new CheckFailed(name + " returned a value that does not fit its type " + result.getTypeName());
        }
    }

    private JsonNode encode(Object arg) {
        ObjectNode a = json.createObjectNode();
        if (arg instanceof SecretClient client) {
            CheckVault.Route route = CheckVault.route(client);
            if (route == null) {
                throw new IllegalArgumentException("only clients from CheckVault can be handed to the learner's code");
            }
            String id = "client-" + (routes.size() + 1);
            routes.put(id, route.relay());
            a.put("kind", "client").put("id", id).put("url", route.vaultUrl());
        } else if (arg instanceof ConfigurationClient client) {
            Relay route = CheckStore.route(client);
            if (route == null) {
                throw new IllegalArgumentException("only clients from CheckStore can be handed to the learner's code");
            }
            String id = "client-" + (routes.size() + 1);
            routes.put(id, route);
            a.put("kind", "config-client").put("id", id).put("url", route.url());
        } else if (arg instanceof SecretClientBuilder builder) {
            CheckVault.Route route = CheckVault.route(builder);
            if (route == null) {
                throw new IllegalArgumentException("only builders from CheckVault can be handed to the learner's code");
            }
            String id = "client-" + (routes.size() + 1);
            routes.put(id, route.relay());
            a.put("kind", "builder").put("id", id).put("url", route.vaultUrl());
        } else if (arg instanceof LongSupplier || arg instanceof Clock) {
            String id = "clock-" + (clocks.size() + 1);
            clocks.put(id, arg);
            a.put("kind", arg instanceof Clock ? "clock" : "nanos").put("id", id);
        } else if (arg instanceof LearnerObject o) {
            a.put("kind", "object").put("id", o.id());
        } else if (arg instanceof Map<?, ?> map && map.values().stream().anyMatch(Learner::crossesAsHandle)) {
            // e.g. the app's clients by vault name: each value crosses as an argument of its own, keys as text
            ObjectNode entries = a.put("kind", "map").putObject("entries");
            map.forEach((key, value) -> entries.set(String.valueOf(key), encode(value)));
        } else {
            a.put("kind", "value").set("value", json.valueToTree(arg));
        }
        return a;
    }

    /** Whether {@code arg} crosses as a handle (a client, a clock, an object) rather than as plain JSON. */
    private static boolean crossesAsHandle(Object arg) {
        return arg instanceof SecretClient || arg instanceof LongSupplier || arg instanceof Clock
                || arg instanceof LearnerObject;
    }

    /** Answers the learner's process: a request to relay to the vault, or the time. */
    private ObjectNode answer(ObjectNode question) {
        String op = question.get("op").asText();
        ObjectNode reply = json.createObjectNode();
        reply.put("op", op + "-reply");
        if (op.equals("clock")) {
            Object clock = clocks.get(question.path("clock").asText());
            if (clock instanceof Clock c) {
                reply.put("instant", c.instant().toString());
            } else if (clock instanceof LongSupplier s) {
                reply.put("nanos", s.getAsLong());
            } else {
                reply.put("refused", "no such clock");
            }
            return reply;
        }
        Relay route = routes.get(question.path("client").asText());
        if (route == null) {
            reply.put("refused", "no such client");
            return reply;
        }
        return route.relay(question, reply);
    }

    private LearnerThrew threw(ObjectNode reply) {
        List<String> types = new ArrayList<>();
        reply.path("types").forEach(t -> types.add(t.asText()));
        List<StackTraceElement> frames = new ArrayList<>();
        reply.path("frames").forEach(f -> frames.add(new StackTraceElement(f.path("class").asText(),
                f.path("method").asText(), f.hasNonNull("file") ? f.get("file").asText() : null, f.path("line").asInt())));
        if (types.isEmpty()) {
            types.add("java.lang.RuntimeException");
        }
        LearnerThrew t = new LearnerThrew(types, reply.hasNonNull("message") ? reply.get("message").asText() : null,
                reply.hasNonNull("status") ? reply.get("status").asInt() : null, frames.toArray(StackTraceElement[]::new));
        if (reply.path("host").asBoolean()) {
            throw new IllegalStateException("the checks could not call the learner's code: " + t);
        }
        return t;
    }

    private static Executable find(Class<?> type, String name, Object[] args) {
        List<Executable> candidates = new ArrayList<>();
        if (name.equals("<init>")) {
            candidates.addAll(List.of(type.getConstructors()));
        } else {
            for (Method m : type.getMethods()) {
                if (m.getName().equals(name)) {
                    candidates.add(m);
                }
            }
        }
        for (Executable e : candidates) {
            Class<?>[] params = e.getParameterTypes();
            if (params.length != args.length) {
                continue;
            }
            boolean fits = true;
            for (int i = 0; i < params.length && fits; i++) {
                fits = args[i] == null ? !params[i].isPrimitive() : box(params[i]).isInstance(args[i])
                        || args[i] instanceof LearnerObject && !params[i].isPrimitive();
            }
            if (fits) {
                return e;
            }
        }
        throw new IllegalArgumentException("the exercise has no " + (name.equals("<init>") ? "constructor of "
                + type.getSimpleName() : "method " + name) + " taking " + args.length + " such arguments");
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == int.class ? Integer.class : c == long.class ? Long.class : c == boolean.class ? Boolean.class
                : c == double.class ? Double.class : c == float.class ? Float.class : c == short.class ? Short.class
                : c == byte.class ? Byte.class : Character.class;
    }
}
