package dev.kvlab.vault.bench;

import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import dev.kvlab.vault.Caller;
import dev.kvlab.vault.LocalAuthority;
import dev.kvlab.vault.LocalVault;
import dev.kvlab.vault.LoopbackClients;
import dev.kvlab.vault.VaultRequest;
import dev.kvlab.vault.VaultResponse;
import dev.kvlab.vault.cli.VaultCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resident memory of a vault JVM holding {@code secrets} secrets after {@code seconds} of 8-thread SDK load
 * (getSecret of random names): what a standalone vault costs a learner's machine under a load test.
 *
 * <p>Usage: {@code RssBench [seconds] [secrets] [vault JVM options...]}; the vault child is {@code RssBench vault N}.
 */
public final class RssBench {
    private static final String MARK = "kvlab-bench: ";

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("vault")) {
            serve(Integer.parseInt(args[1]));
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int secrets = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        List<String> options = List.of(args).subList(Math.min(2, args.length), args.length);
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RssBench.class.getName(), "vault",
                Integer.toString(secrets)));
        Process vault = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String[] ready = ready(vault).split(" ");
            int port = Integer.parseInt(ready[0]);
            String ca = new String(Base64.getDecoder().decode(ready[2]), StandardCharsets.US_ASCII);
            long idle = rssKb(vault.pid());
            SecretClient client = new SecretClientBuilder().vaultUrl("https://kvlab.localhost:" + port)
                    .credential(LoopbackClients.fixedToken(ready[1])).httpClient(LoopbackClients.httpClient(ca))
                    .buildClient();
            AtomicLong requests = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            CountDownLatch done = new CountDownLatch(8);
            for (int t = 0; t < 8; t++) {
                new Thread(() -> {
                    while (System.nanoTime() < end) {
                        client.getSecret("secret-" + ThreadLocalRandom.current().nextInt(secrets));
                        requests.incrementAndGet();
                    }
                    done.countDown();
                }).start();
            }
            done.await();
            System.out.printf("vault JVM options: %s; %,d secrets; RSS idle after seeding %.0f MB, after %d s of "
                            + "8-thread getSecret load (%,d requests) %.0f MB%n",
                    options.isEmpty() ? "(none)" : String.join(" ", options), secrets, idle / 1024.0, seconds,
                    requests.get(), rssKb(vault.pid()) / 1024.0);
        } finally {
            vault.getOutputStream().close();
            vault.waitFor();
        }
    }

    private static void serve(int secrets) throws Exception {
        try (LocalVault vault = LocalVault.builder().throttleLimits(100_000_000, 100_000_000)
                .auditCapacity(VaultCommand.STANDALONE_AUDIT_EVENTS).start()) { // as ./jbang vault keeps it
            Caller caller = new Caller.Authenticated(LocalAuthority.LAB_USER);
            for (int s = 0; s < secrets; s++) {
                String body = "{\"value\":\"" + "v".repeat(52) + String.format("%08d", s)
                        + "\",\"contentType\":\"text/plain\",\"tags\":{\"environment\":\"bench\",\"n\":\"" + s + "\"}}";
                VaultResponse response = vault.service().handle(new VaultRequest("PUT", "kvlab",
                        "https://kvlab.localhost:" + vault.port(), "/secrets/secret-" + s, "api-version=2025-07-01",
                        body.getBytes(StandardCharsets.UTF_8), caller));
                if (response.status() != 200) {
                    throw new IllegalStateException("set failed: " + response.status());
                }
            }
            vault.auditLog().clear();
            System.out.println(MARK + vault.port() + " " + vault.issueToken(LocalAuthority.LAB_USER).token() + " "
                    + Base64.getEncoder().encodeToString(vault.caCertificatePem().getBytes(StandardCharsets.US_ASCII)));
            System.out.flush();
            System.in.read();
        }
    }

    static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static String ready(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(MARK)) {
                return line.substring(MARK.length());
            }
            System.err.println(line);
        }
        throw new IllegalStateException("the vault JVM ended before it was ready (exit " + child.waitFor() + ")");
    }
}
