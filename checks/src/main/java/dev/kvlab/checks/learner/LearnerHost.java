package dev.kvlab.checks.learner;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.ConfigurationClientBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * The learner's process: the only place the learner's code ever runs. It loads the learner's compiled classes,
 * calls what the judge asks for, and answers with plain data. The learner's {@code SecretClient} (and
 * {@code ConfigurationClient}) sends every request
 * to the judge over this process's standard output ({@link RelayHttpClient}); the judge records it, signs it in and
 * forwards it to the vault (or store). Clocks the learner is handed ask the judge for the time. Whatever the learner's code
 * prints goes to standard error, which the judge captures. This process holds no credential and, in the sandbox,
 * reaches no network and cannot write outside its private scratch folder.
 */
public final class LearnerHost {
    private final OutputStream out;
    private final BlockingQueue<ObjectNode> commands = new LinkedBlockingQueue<>();
    /** The questions waiting for the judge's answer, by number: the learner's threads ask at the same time. */
    private final Map<Long, CompletableFuture<ObjectNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong questions = new AtomicLong();
    private final Map<Integer, Object> objects = new HashMap<>();
    private final Properties pristineProperties;
    private Map<String, byte[]> classes = Map.of();
    private Set<Thread> threadsAtLoad = Set.of();
    private ClassLoader loader;

    private LearnerHost(OutputStream out) {
        this.out = out;
        Properties copy = new Properties();
        copy.putAll(System.getProperties());
        this.pristineProperties = copy;
    }

    public static void main(String[] args) throws Exception {
        // The protocol keeps the real standard output; everything printed from here on goes to standard error.
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        PrintStream printed = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(printed);
        System.setErr(printed);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        LearnerHost host = new LearnerHost(out);
        host.warmUp();
        host.serve(in);
    }

    /**
     * Loads what every call needs (the SDK's client and pipeline, JSON) while the judge is still compiling, so the
     * first check does not pay for it.
     */
    private void warmUp() {
        try {
            client("https://warm-up.localhost", "none");
            Wire.JSON.writeValueAsBytes(Wire.JSON.valueToTree(java.util.List.of(java.time.OffsetDateTime.now(),
                    java.util.Map.of("k", "v"))));
        } catch (Exception ignored) {
            // only a warm-up
        }
    }

    private void serve(InputStream in) throws IOException, InterruptedException {
        Thread reader = new Thread(() -> {
            try {
                for (ObjectNode m; (m = Wire.read(in)) != null; ) {
                    if (m.get("op").asText().endsWith("-reply")) {
                        CompletableFuture<ObjectNode> asker = waiting.remove(m.path("q").asLong());
                        if (asker != null) {
                            asker.complete(m);
                        }
                    } else {
                        commands.put(m);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the judge went away
            }
            waiting.values().forEach(asker -> asker.completeExceptionally(new IOException("the checks went away")));
            commands.add(Wire.message("exit"));
        }, "kvlab-judge-reader");
        reader.setDaemon(true);
        reader.start();
        Wire.write(out, Wire.message("ready"));
        while (true) {
            ObjectNode command = commands.take();
            String op = command.get("op").asText();
            switch (op) {
                case "load" -> {
                    Map<String, byte[]> loaded = new HashMap<>();
                    command.get("classes").fields().forEachRemaining(
                            e -> loaded.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText())));
                    classes = Map.copyOf(loaded);
                    threadsAtLoad = Set.copyOf(Thread.getAllStackTraces().keySet());
                    reset();
                    Wire.write(out, Wire.message("ok"));
                }
                case "reset" -> {
                    reset();
                    Wire.write(out, Wire.message("ok"));
                }
                case "call" -> Wire.write(out, call(command));
                case "sync" -> {
                    System.out.flush();
                    // straight to the file descriptor: the judge reads up to this mark as this check's output
                    FileOutputStream err = new FileOutputStream(FileDescriptor.err);
                    err.write(("\n" + command.get("mark").asText() + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    ObjectNode synced = Wire.message("synced");
                    // threads this run's code left running: the judge does not hand such a process to another run
                    synced.put("threadsLeft", Thread.getAllStackTraces().keySet().stream()
                            .filter(t -> t.isAlive() && !threadsAtLoad.contains(t)).count());
                    Wire.write(out, synced);
                }
                case "exit" -> {
                    out.flush();
                    Runtime.getRuntime().halt(0);
                }
                default -> Wire.write(out, threw(new IllegalArgumentException("unknown command " + op)));
            }
        }
    }

    /** A fresh class loader and object table per check, and the system properties as they were at start. */
    private void reset() {
        objects.clear();
        Properties now = System.getProperties();
        now.clear();
        now.putAll(pristineProperties);
        Map<String, byte[]> bytes = classes;
        loader = new ClassLoader("kvlab-learner", LearnerHost.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = bytes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }

            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!bytes.containsKey(name)) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : findClass(name);
                }
            }
        };
    }

    private ObjectNode call(ObjectNode command) {
        try {
            Class<?> type = Class.forName(command.get("class").asText(), true, loader);
            String name = command.get("method").asText();
            ArrayNode paramNames = (ArrayNode) command.get("params");
            Class<?>[] params = new Class<?>[paramNames.size()];
            for (int i = 0; i < params.length; i++) {
                params[i] = type(paramNames.get(i).asText());
            }
            Executable target = name.equals("<init>") ? type.getConstructor(params) : type.getMethod(name, params);
            Type[] generic = target.getGenericParameterTypes();
            ArrayNode argNodes = (ArrayNode) command.get("args");
            Object[] args = new Object[params.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = argument((ObjectNode) argNodes.get(i), generic[i]);
            }
            Object self = command.hasNonNull("target") ? objects.get(command.get("target").asInt()) : null;
            Object result;
            try {
                result = target instanceof Method m ? m.invoke(self, args)
                        : ((java.lang.reflect.Constructor<?>) target).newInstance(args);
            } catch (InvocationTargetException e) {
                return threw(e.getCause());
            }
            System.out.flush();
            ObjectNode reply = Wire.message("return");
            if (result != null && (result.getClass().getClassLoader() == loader && !result.getClass().isRecord()
                    && !result.getClass().isEnum() || result instanceof SecretClient)) {
                // the learner's objects, and a client the learner built, stay here; the judge gets a handle
                int id = objects.size() + 1;
                objects.put(id, result);
                reply.put("object", id);
            } else {
                try {
                    reply.set("value", Wire.JSON.valueToTree(result));
                } catch (IllegalArgumentException e) {
                    return threw(new IllegalStateException("returned a value the checks cannot read ("
                            + result.getClass().getName() + "): " + e.getMessage()));
                }
            }
            return reply;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            ObjectNode reply = threw(e);
            reply.put("host", true); // the call could not be made: the frame and the checks disagree
            return reply;
        }
    }

    private Class<?> type(String name) throws ClassNotFoundException {
        return switch (name) {
            case "int" -> int.class;
            case "long" -> long.class;
            case "boolean" -> boolean.class;
            case "double" -> double.class;
            case "float" -> float.class;
            case "short" -> short.class;
            case "byte" -> byte.class;
            case "char" -> char.class;
            default -> Class.forName(name, false, loader);
        };
    }

    private Object argument(ObjectNode arg, Type type) {
        String id = arg.path("id").asText();
        return switch (arg.get("kind").asText()) {
            case "client" -> client(arg.get("url").asText(), id);
            case "config-client" -> configurationClient(arg.get("url").asText(), id);
            case "builder" -> builder(arg.get("url").asText(), id);
            case "nanos" -> (LongSupplier) () -> ask(clockQuestion(id)).get("nanos").asLong();
            case "clock" -> new JudgeClock(id, ZoneOffset.UTC);
            case "object" -> objects.get(arg.get("id").asInt());
            case "map" -> {
                // a map of handles (clients by vault name): each entry decoded like an argument of the map's value type
                Type valueType = type instanceof java.lang.reflect.ParameterizedType p
                        && p.getActualTypeArguments().length == 2 ? p.getActualTypeArguments()[1] : Object.class;
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                arg.get("entries").fields().forEachRemaining(
                        e -> map.put(e.getKey(), argument((ObjectNode) e.getValue(), valueType)));
                yield map;
            }
            default -> Wire.JSON.convertValue(arg.get("value"), Wire.JSON.getTypeFactory().constructType(type));
        };
    }

    private SecretClient client(String url, String id) {
        return new SecretClientBuilder().vaultUrl(url)
                .pipeline(new HttpPipelineBuilder().policies(new RetryPolicy())
                        .httpClient(new RelayHttpClient(id, this::ask)).build())
                .buildClient();
    }

    /** A {@code ConfigurationClient} for the store at {@code endpoint} whose requests the judge signs and forwards. */
    private ConfigurationClient configurationClient(String endpoint, String id) {
        // the builder insists on a credential even with a pipeline; this one is never asked: no policy signs here
        return new ConfigurationClientBuilder().endpoint(endpoint).credential(NO_CREDENTIAL)
                .pipeline(new HttpPipelineBuilder().policies(new RetryPolicy())
                        .httpClient(new RelayHttpClient(id, this::ask)).build())
                .buildClient();
    }

    /** A credential the learner's process never uses: the judge signs every request. */
    public static final com.azure.core.credential.TokenCredential NO_CREDENTIAL = request -> reactor.core.publisher.Mono.error(
            new IllegalStateException("the learner's process holds no credential: the judge signs its requests"));

    /**
     * A builder for the learner to finish (retry options, policies) and build: it holds the vault URL, a credential
     * and the relayed transport. The credential's token is a placeholder: the SDK's own challenge handshake runs here
     * (the judge forwards a request without a token as it is, so the vault answers its 401 challenge), and the judge
     * replaces the placeholder with a real token before a request leaves.
     */
    private SecretClientBuilder builder(String url, String id) {
        return new SecretClientBuilder().vaultUrl(url).credential(RELAYED_TOKEN)
                .httpClient(new RelayHttpClient(id, this::ask));
    }

    /** The placeholder token of a builder's credential (see {@link #builder}); never a real one. */
    static final String PLACEHOLDER_TOKEN = "signed-in-by-the-checks";

    private static final TokenCredential RELAYED_TOKEN = request -> Mono.just(
            new AccessToken(PLACEHOLDER_TOKEN, OffsetDateTime.now().plusHours(1)));

    private static ObjectNode clockQuestion(String id) {
        ObjectNode q = Wire.message("clock");
        q.put("clock", id);
        return q;
    }

    /**
     * A question to the judge from inside a call (a request to relay, the time). Threads ask at the same time, as
     * they would talk to a real vault at the same time: each question carries a number its answer comes back with.
     */
    JsonNode ask(ObjectNode question) {
        long number = questions.incrementAndGet();
        question.put("q", number);
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        waiting.put(number, answer);
        try {
            Wire.write(out, question);
            ObjectNode reply = answer.get();
            if (reply.hasNonNull("refused")) {
                throw new IllegalStateException(reply.get("refused").asText());
            }
            return reply;
        } catch (IOException e) {
            throw new IllegalStateException("the checks went away", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(number);
        }
    }

    /** What the learner's code threw, as plain data: its types, message, status and stack frames. */
    static ObjectNode threw(Throwable t) {
        ObjectNode m = Wire.message("threw");
        ArrayNode types = m.putArray("types");
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            types.add(c.getName());
        }
        String message = t.getMessage();
        if (message != null) {
            m.put("message", message.length() > 2000 ? message.substring(0, 2000) : message);
        }
        if (t instanceof HttpResponseException h && h.getResponse() != null) {
            m.put("status", h.getResponse().getStatusCode());
        }
        ArrayNode frames = m.putArray("frames");
        int count = 0;
        for (Throwable c = t; c != null && count < 64; c = c.getCause() == c ? null : c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                if (count++ >= 64) {
                    break;
                }
                ObjectNode f = frames.addObject();
                f.put("class", e.getClassName());
                f.put("method", e.getMethodName());
                if (e.getFileName() != null) {
                    f.put("file", e.getFileName());
                }
                f.put("line", e.getLineNumber());
            }
        }
        return m;
    }

    /** A wall clock whose time comes from the judge (in stage 1, the local vault's clock). */
    private final class JudgeClock extends Clock {
        private final String id;
        private final ZoneId zone;

        JudgeClock(String id, ZoneId zone) {
            this.id = id;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new JudgeClock(id, other);
        }

        @Override
        public Instant instant() {
            return Instant.parse(ask(clockQuestion(id)).get("instant").asText());
        }
    }
}
