package dev.kvlab.vault.bench;

import dev.kvlab.vault.cli.VaultCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Standalone start: from launching {@code java -cp <classpath> VaultCommand} to its "ready" line on stderr, then
 * SIGTERM to exit. Runs {@code args[0]} times (default 5) with the JVM options that follow, and prints each and
 * the median.
 */
public final class StandaloneStartBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> options = List.of(args).subList(Math.min(1, args.length), args.length);
        System.out.println("JVM options: " + (options.isEmpty() ? "(none)" : String.join(" ", options)));
        long[] ready = new long[runs];
        long[] stop = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(options);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), VaultCommand.class.getName(), "--seed", "lab"));
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            for (String line = err.readLine(); line != null && !line.contains("ready"); line = err.readLine()) {
                // skip anything before the ready line
            }
            ready[i] = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            process.destroy();
            int status = process.waitFor();
            stop[i] = (System.nanoTime() - t1) / 1_000_000;
            System.out.printf("run %d: process start -> ready %d ms; SIGTERM -> exit %d ms (status %d)%n",
                    i + 1, ready[i], stop[i], status);
        }
        Arrays.sort(ready);
        Arrays.sort(stop);
        System.out.printf("standalone start -> ready: median %d ms (min %d, max %d); SIGTERM -> exit median %d ms%n",
                ready[runs / 2], ready[0], ready[runs - 1], stop[runs / 2]);
    }
}
