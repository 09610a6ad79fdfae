package dev.kvlab.vault.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code VaultCommand} in a process of its own, with a scrubbed environment, and the exports it printed. */
final class StandaloneVault implements AutoCloseable {
    final Process process;
    final Map<String, String> exports;
    final Path stderr;

    private StandaloneVault(Process process, Map<String, String> exports, Path stderr) {
        this.process = process;
        this.exports = exports;
        this.stderr = stderr;
    }

    /** Only what any program needs to run: no AZURE_* variable reaches a child. */
    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : new String[] {"PATH", "HOME", "JAVA_HOME"}) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return env;
    }

    static ProcessBuilder java(String mainClass, List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }

    static StandaloneVault start(Path stderr, String... args) throws Exception {
        Process process = java(VaultCommand.class.getName(), List.of(args), baseEnvironment())
                .redirectError(stderr.toFile()).start();
        CompletableFuture<Map<String, String>> exports = CompletableFuture.supplyAsync(() -> readExports(process));
        try {
            return new StandaloneVault(process, exports.get(60, TimeUnit.SECONDS), stderr);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("the standalone vault printed no exports; stderr: "
                    + java.nio.file.Files.readString(stderr), e);
        }
    }

    private static Map<String, String> readExports(Process process) {
        Map<String, String> exports = new LinkedHashMap<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            while (exports.size() < 4) {
                String line = out.readLine();
                if (line == null) {
                    throw new IllegalStateException("the vault exited before printing its exports");
                }
                if (line.startsWith("export ")) {
                    int eq = line.indexOf('=');
                    exports.put(line.substring(7, eq), line.substring(eq + 1));
                }
            }
            return exports;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ctrl+C / SIGTERM: {@code Process.destroy} sends SIGTERM on Linux and macOS. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the vault did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
